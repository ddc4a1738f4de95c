/** The export writers' types live with their port. */
export type { EncoderFactory, EncoderInput, ExportFormatInfo, ExportWriters, RowEncoder } from '../../ports/export-writers.ts';
