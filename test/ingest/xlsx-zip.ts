/**
 * Writes workbooks byte by byte for the reader's tests: zip entries whose
 * declared sizes may lie, and sheets of gigabytes that deflate to a few
 * megabytes without ever being built in memory.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The entry's bytes as stored: raw deflate (method 8) or as they are (method 0). */
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size the zip declares (the truth, unless a test lies). */
  size: number;
  crc: number;
}

/** A part deflated whole, its size told truly. */
export function deflated(name: string, content: string | Buffer): ZipPart {
  const raw = Buffer.from(content);
  return { name, data: deflateRawSync(raw), method: 8, size: raw.length, crc: crc32(raw) };
}

/**
 * `prefix`, then `unit` repeated `times`, then `suffix`, deflated. Each
 * block of repeats is compressed once with a full flush, which leaves the
 * compressor as new: the same bytes stand for every block, so a sheet of
 * gigabytes takes milliseconds to make.
 */
export function repeated(name: string, prefix: string, unit: string, times: number, suffix: string): ZipPart {
  const perBlock = Math.max(1, Math.floor((1 << 20) / unit.length));
  const block = Buffer.from(unit.repeat(perBlock));
  const head = Buffer.from(prefix);
  const tail = Buffer.from(suffix);
  const full = { finishFlush: constants.Z_FULL_FLUSH };
  const packedBlock = deflateRawSync(block, full);
  const blocks = Math.floor(times / perBlock);
  const rest = Buffer.from(unit.repeat(times - blocks * perBlock));
  const pieces = [deflateRawSync(head, full), ...Array<Buffer>(blocks).fill(packedBlock), deflateRawSync(rest, full), deflateRawSync(tail)];
  let crc = crc32(head);
  for (let i = 0; i < blocks; i++) crc = crc32(block, crc);
  crc = crc32(tail, crc32(rest, crc));
  return { name, data: Buffer.concat(pieces), method: 8, size: head.length + blocks * block.length + rest.length + tail.length, crc };
}

/** A zip file of these parts, in this order (sizes below 4 GiB: no zip64). */
export function zipFile(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The start and end of a worksheet's XML around its rows. */
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A row of inline-string cells, as a sheet's XML. */
export const inlineRow = (n: number, cells: string[]): string =>
  `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;

/** The parts of a workbook of one sheet named `sheetName` around its worksheet part (named `xl/worksheets/sheet1.xml`). */
export function workbookParts(sheet: ZipPart, sheetName = 'Data'): ZipPart[] {
  return [
    deflated(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    deflated(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflated('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ];
}
