/**
 * Test helpers: zip archives and XLSX workbooks written byte by byte, so tests can make the files
 * no spreadsheet program would (entries whose headers lie about their size, deflate streams that
 * unpack to a gigabyte, merged ranges over the whole sheet).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The entry's content; stored deflated unless `deflated` gives the compressed bytes. */
  data?: string | Uint8Array;
  /** Raw deflate bytes to store as they are (their true unpacked size is not computed). */
  deflated?: Uint8Array;
  /** The unpacked size written in both headers; the true one by default. */
  declaredSize?: number;
}

/** A zip archive of the parts, deflated, with local headers and a central directory. */
export function zipFile(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const raw = part.data === undefined ? null : typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data);
    const compressed = part.deflated ? Buffer.from(part.deflated) : deflateRawSync(raw ?? Buffer.alloc(0));
    const crc = raw ? crc32(raw) : 0;
    const size = part.declaredSize ?? raw?.byteLength ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.byteLength + name.byteLength + compressed.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface TestSheet {
  name: string;
  /** The worksheet part: its XML, or a hand-made zip part (only its data or deflated bytes are used). */
  xml: string | Omit<ZipPart, 'name'>;
}

/** An XLSX workbook of the sheets, with optional shared strings and styles parts. */
export function xlsxFile(sheets: readonly TestSheet[], extra: { sharedStrings?: string; styles?: string; date1904?: boolean; parts?: ZipPart[] } = {}): Buffer {
  const sheetParts: ZipPart[] = sheets.map((sheet, i) => (typeof sheet.xml === 'string' ? { name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml } : { ...sheet.xml, name: `xl/worksheets/sheet${i + 1}.xml` }));
  const attr = (text: string) => text.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;');
  return zipFile([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><workbookPr${extra.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s, i) => `<sheet name="${attr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    },
    ...(extra.sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: extra.sharedStrings }] : []),
    ...(extra.styles ? [{ name: 'xl/styles.xml', data: extra.styles }] : []),
    ...sheetParts,
    ...(extra.parts ?? []),
  ]);
}

/** The relationships part of sheet `n` (1-based) with external links: sheetLinks(1, { rId1: 'https://…' }). */
export function sheetLinks(n: number, targets: Record<string, string>): ZipPart {
  const rels = Object.entries(targets).map(([id, target]) => `<Relationship Id="${id}" Type="${RELS}/hyperlink" Target="${target.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;')}" TargetMode="External"/>`);
  return { name: `xl/worksheets/_rels/sheet${n}.xml.rels`, data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` };
}

/** A worksheet's XML around rows of inline-string cells: sheetXml([['Mã xã', 'URL']]). */
export function sheetXml(rows: readonly (readonly string[])[], after = ''): string {
  const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  const cells = rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`).join('')}</row>`);
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${cells.join('')}</sheetData>${after}</worksheet>`;
}

/**
 * Raw deflate bytes of `head` followed by `megabytes` MiB of the letter A, made cheaply: one
 * compressed MiB (about 1 KB) repeated, each piece ending on a full flush so they chain. A
 * gigabyte of sheet in about a megabyte of zip.
 */
export function deflatedBomb(head: string, megabytes: number): Buffer {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024, 'A'), flush);
  return Buffer.concat([deflateRawSync(Buffer.from(head, 'utf8'), flush), ...Array.from({ length: megabytes }, () => megabyte), deflateRawSync(Buffer.alloc(0))]);
}
