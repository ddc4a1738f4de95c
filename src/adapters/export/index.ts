/** Writers of export files, one per format; `exportWriters` is what the export action uses. */
export { exportWriters } from './formats.ts';
export type { EncoderFactory, EncoderInput, ExportFormatInfo, ExportWriters, RowEncoder } from './types.ts';
