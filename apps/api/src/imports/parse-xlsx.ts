/**
 * An XLSX workbook → the rows of its import sheet, under the upload limits, without trusting the
 * zip. Entries are found through the zip's central directory and inflated with node:zlib up to
 * the bytes still allowed (maxOutputLength stops the inflater itself, so a sheet that really
 * unpacks to gigabytes costs at most the limit); the sizes the zip declares are only believed
 * when they already say "too large". The XML parts are read as a stream of events (saxes), and
 * cells are counted and measured as they are read.
 *
 * Values come out as exceljs gave them before (the import read workbooks with exceljs): shared
 * and inline strings (rich text joined), numbers, booleans, errors, formula results, numbers in a
 * date format as Dates (1900 or 1904 date system), hyperlinks as { text, hyperlink }, and merged
 * ranges repeating their first cell's value. The sheet read is the one asked for by name, else
 * the first, in workbook order, whose early rows hold an import header, else the first sheet.
 */
import { StringDecoder } from 'node:string_decoder';
import { inflateRawSync } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { msg, type Message } from '../messages';
import { cellPlace, refusals, unprocessable, UploadRefusal, type UploadLimits } from './upload-limits';

export interface XlsxLink {
  text: XlsxValue;
  hyperlink: string;
}
export interface XlsxError {
  error: string;
}
export type XlsxValue = string | number | boolean | Date | XlsxLink | XlsxError | null;
export interface XlsxRow {
  /** Row number as the spreadsheet shows it (1 = first). */
  row: number;
  values: XlsxValue[];
}

const unreadable = (why?: Message) => unprocessable(msg('sheet_xlsx_unreadable', { why: why ?? '' }));

// ---------------------------------------------------------------------------------------------
// The zip: central directory, and inflating an entry within the byte budget
// ---------------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** The zip's entries by lower-cased name, from its central directory. */
function readDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  // ZIP64 is for archives of 4 GB or 65,535 entries; no workbook under the upload limit needs it.
  if (count === 0xffff || at === 0xffffffff) throw unreadable(msg('sheet_xlsx_why_zip64'));
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) throw unreadable();
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    const key = entry.name.replace(/^\/+/u, '').toLowerCase();
    if (!entries.has(key)) entries.set(key, entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The entries of a zip, inflated on demand, all of them together within maxInflatedBytes. */
class GuardedZip {
  private readonly entries: Map<string, ZipEntry>;
  /** Bytes inflated so far, over every entry read. */
  inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: UploadLimits,
  ) {
    this.entries = readDirectory(bytes);
    // Sizes the zip declares are believed when they say "too large", so such a file is refused
    // before anything is inflated; small ones are not (every entry read is counted as it inflates).
    let declared = 0;
    for (const entry of this.entries.values()) declared += entry.declaredSize;
    if (declared > limits.maxInflatedBytes) throw refusals.inflated(limits);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The entry's bytes, inflated; null when the zip has no such entry. */
  read(name: string): Buffer | null {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) return null;
    if (entry.flags & 0x1) throw unreadable(msg('sheet_xlsx_why_encrypted'));
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const local = entry.localOffset;
    if (local + 30 > this.bytes.byteLength || view.getUint32(local, true) !== 0x04034b50) throw unreadable();
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.byteLength) throw unreadable();
    const data = this.bytes.subarray(start, end);
    const left = this.limits.maxInflatedBytes - this.inflated;
    let out: Buffer;
    if (entry.method === 0) {
      out = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    } else if (entry.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, left) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw refusals.inflated(this.limits, entry.name);
        throw unreadable();
      }
    } else {
      throw unreadable(msg('sheet_xlsx_why_method', { method: String(entry.method) }));
    }
    this.inflated += out.byteLength;
    if (this.inflated > this.limits.maxInflatedBytes) throw refusals.inflated(this.limits, entry.name);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// XML parts as events
// ---------------------------------------------------------------------------------------------

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** The name without its namespace prefix: 'x:row' → 'row'. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);
/** An attribute by local name, whatever its prefix: attr(a, 'id') finds 'r:id'. */
function attr(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key in attributes) if (local(key) === name) return attributes[key];
  return undefined;
}

const CHUNK = 1 << 20;

/** Feeds XML bytes to the handlers, a megabyte at a time; malformed XML throws. */
function parseXml(bytes: Buffer, handlers: XmlHandlers): void {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes as Record<string, string>));
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  // StringDecoder never splits a character between chunks.
  const decoder = new StringDecoder('utf8');
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let at = bomLength; at < bytes.byteLength; at += CHUNK) parser.write(decoder.write(bytes.subarray(at, at + CHUNK)));
  parser.write(decoder.end());
  parser.close();
}

// ---------------------------------------------------------------------------------------------
// Workbook, relationships, shared strings, styles
// ---------------------------------------------------------------------------------------------

interface SheetRef {
  name: string;
  path: string;
}

/** Relationship id → target, for the relationships of the part at `partPath`. */
function readRelationships(zip: GuardedZip, partPath: string): Map<string, { target: string; type: string }> {
  const slash = partPath.lastIndexOf('/');
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
  const rels = new Map<string, { target: string; type: string }>();
  const bytes = zip.read(relsPath);
  if (!bytes) return rels;
  parseXml(bytes, {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attributes.Id;
      if (id !== undefined) rels.set(id, { target: attributes.Target ?? '', type: attributes.Type ?? '' });
    },
  });
  return rels;
}

/** A relationship target as a path in the zip: 'worksheets/sheet1.xml' from xl/ → 'xl/worksheets/sheet1.xml'. */
function resolvePath(fromDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : fromDir.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function readWorkbook(zip: GuardedZip): { sheets: SheetRef[]; date1904: boolean } {
  const bytes = zip.read('xl/workbook.xml');
  if (!bytes) throw unreadable(msg('sheet_xlsx_why_no_workbook'));
  const rels = readRelationships(zip, 'xl/workbook.xml');
  const sheets: SheetRef[] = [];
  let date1904 = false;
  parseXml(bytes, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = rels.get(attr(attributes, 'id') ?? '');
      // Chart sheets and dialog sheets hold no cells.
      if (!rel || !rel.type.endsWith('/worksheet')) return;
      const path = resolvePath('xl', rel.target);
      if (zip.has(path)) sheets.push({ name: attributes.name ?? '', path });
    },
  });
  return { sheets, date1904 };
}

/** Excel's escapes of control characters in shared strings: '_x000D_' → '\r'. */
const decodeEscapes = (text: string) => text.replace(/_x([0-9A-F]{4})_/gu, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

function readSharedStrings(zip: GuardedZip): string[] {
  const strings: string[] = [];
  const bytes = zip.read('xl/sharedStrings.xml');
  if (!bytes) return strings;
  let text = '';
  let inText = false;
  let inPhonetic = false;
  parseXml(bytes, {
    open(name) {
      if (name === 'si') text = '';
      else if (name === 't') inText = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(chunk) {
      if (inText && !inPhonetic) text += chunk;
    },
    close(name) {
      if (name === 'si') strings.push(decodeEscapes(text));
      else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
  });
  return strings;
}

/** The built-in number formats that are dates or times (ECMA-376 18.8.30), as exceljs knows them. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A number format that shows a date or time: d, m, y, h, s outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/u.test(code.replace(/\[[^\]]*\]/gu, '').replace(/"[^"]*"/gu, ''));
}

/** The cell style indexes (the s attribute of a cell) whose number format is a date. */
function readDateStyles(zip: GuardedZip): Set<number> {
  const dateStyles = new Set<number>();
  const bytes = zip.read('xl/styles.xml');
  if (!bytes) return dateStyles;
  const customFormats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellXfs = false;
  parseXml(bytes, {
    open(name, attributes) {
      if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) cellFormats.push(Number.parseInt(attributes.numFmtId ?? '0', 10) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  cellFormats.forEach((id, index) => {
    if (id === 0) return;
    const custom = customFormats.get(id);
    if (custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id)) dateStyles.add(index);
  });
  return dateStyles;
}

/** The characters a value brings into the table (a repeated value is copied when the table is sent). */
function textLength(value: XlsxValue | undefined): number {
  if (typeof value === 'string') return value.length;
  if (value && typeof value === 'object' && 'hyperlink' in value) return value.hyperlink.length + textLength(value.text);
  return 0;
}

/** A date serial number → Date, as exceljs converts it. */
const excelToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** The XML entities exceljs decodes once more in formula string results. */
const xmlDecode = (text: string) => text.replace(/&(lt|gt|amp|apos|quot);/gu, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[name]!);

// ---------------------------------------------------------------------------------------------
// A worksheet
// ---------------------------------------------------------------------------------------------

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/** 'AB12' → { column: 27, row: 12 }; null when it is not a cell address. */
function parseAddress(address: string): { column: number; row: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/u.exec(address);
  if (!match) return null;
  let column = 0;
  for (const ch of match[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (column > MAX_COLUMN || row < 1 || row > MAX_ROW) return null;
  return { column: column - 1, row };
}

interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  limits: UploadLimits;
  /** Cells and characters read so far, over every sheet read. */
  counts: { cells: number; text: number };
}

/** A worksheet's rows with at least one value (exceljs's eachRow without empty rows). */
function readSheet(zip: GuardedZip, sheet: SheetRef, context: SheetContext): XlsxRow[] {
  const { sharedStrings, dateStyles, date1904, limits, counts } = context;
  const bytes = zip.read(sheet.path);
  if (!bytes) return [];
  const rows = new Map<number, XlsxValue[]>();
  const merges: Array<{ top: number; left: number; bottom: number; right: number }> = [];
  const links: Array<{ row: number; column: number; rId: string }> = [];

  let rowNumber = 0;
  let row: XlsxValue[] | null = null;
  let rowHasValue = false;
  let column = -1;
  // The cell being read.
  let cellRow = 0;
  let type = 'n';
  let style = 0;
  let raw: string | undefined;
  let isFormula = false;
  let where: 'v' | 'f' | 't' | null = null;
  let inPhonetic = false;

  const place = () => cellPlace(cellRow, column, sheet.name);
  const countCells = (n: number) => {
    counts.cells += n;
    if (counts.cells > limits.maxCells) throw refusals.cells(limits);
  };
  const countText = (value: string) => {
    if (value.length > limits.maxCellLength) throw refusals.cellLength(limits, place());
    counts.text += value.length;
    if (counts.text > limits.maxTextLength) throw refusals.text(limits);
  };
  const asDate = (n: number): XlsxValue => (style !== 0 && dateStyles.has(style) ? excelToDate(n, date1904) : n);

  /** The cell's value as exceljs would give it, or undefined for a cell without one. */
  function cellValue(): XlsxValue | undefined {
    if (isFormula) {
      if (raw === undefined) return null;
      if (type === 'str') return xmlDecode(raw);
      if (type === 'b') return Number.parseInt(raw, 10) !== 0;
      if (type === 'e') return { error: raw };
      return asDate(Number.parseFloat(raw));
    }
    if (raw === undefined) return undefined;
    switch (type) {
      case 's':
        return sharedStrings[Number.parseInt(raw, 10)] ?? '';
      case 'str':
        return xmlDecode(raw);
      case 'inlineStr':
        return raw;
      case 'b':
        return Number.parseInt(raw, 10) !== 0;
      case 'e':
        return { error: raw };
      case 'd': {
        const date = new Date(raw);
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default:
        return asDate(Number.parseFloat(raw));
    }
  }

  const endRow = () => {
    if (row && rowHasValue) {
      countCells(row.length);
      const existing = rows.get(rowNumber);
      if (existing) row.forEach((value, i) => (existing[i] = value));
      else rows.set(rowNumber, row);
    }
    row = null;
  };

  parseXml(bytes, {
    open(name, attributes) {
      switch (name) {
        case 'row': {
          endRow();
          const r = Number(attributes.r);
          rowNumber = Number.isInteger(r) && r >= 1 && r <= MAX_ROW ? r : rowNumber + 1;
          row = [];
          rowHasValue = false;
          column = -1;
          break;
        }
        case 'c': {
          const address = attributes.r === undefined ? null : parseAddress(attributes.r);
          column = address ? address.column : column + 1;
          cellRow = rowNumber;
          type = attributes.t ?? 'n';
          style = Number.parseInt(attributes.s ?? '0', 10) || 0;
          raw = undefined;
          isFormula = false;
          where = null;
          break;
        }
        case 'v':
          where = 'v';
          break;
        case 'f':
          where = 'f';
          // A shared or array formula's other cells have no formula text, only its type.
          if (attributes.t) isFormula = true;
          break;
        case 't':
          if (!inPhonetic) where = 't';
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 'mergeCell': {
          const [from, to] = (attributes.ref ?? '').split(':');
          const a = from ? parseAddress(from) : null;
          const b = to ? parseAddress(to) : a;
          if (a && b) merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) });
          break;
        }
        case 'hyperlink': {
          const address = attributes.ref === undefined ? null : parseAddress(attributes.ref);
          const rId = attr(attributes, 'id');
          if (address && rId) links.push({ row: address.row, column: address.column, rId });
          break;
        }
        default:
          break;
      }
    },
    text(chunk) {
      // Any formula text makes a formula cell; its text itself is not needed.
      if (where === 'f') isFormula ||= chunk !== '';
      else if (where !== null) {
        raw = raw === undefined ? chunk : raw + chunk;
        if (raw.length > limits.maxCellLength) throw refusals.cellLength(limits, place());
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          where = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          if (!row) break;
          const value = cellValue();
          if (value === undefined) break;
          if (typeof value === 'string') countText(value);
          row[column] = value;
          rowHasValue = true;
          break;
        }
        case 'row':
          endRow();
          break;
        default:
          break;
      }
    },
  });
  endRow();

  /** A row to write into, its cells up to `column` counted (a row is as wide as its last cell). */
  const rowFor = (r: number, column: number) => {
    let cells = rows.get(r);
    if (!cells) {
      cells = [];
      rows.set(r, cells);
    }
    if (column >= cells.length) countCells(column + 1 - cells.length);
    return cells;
  };

  // Hyperlinks first, then merged ranges, as exceljs applies them.
  if (links.length > 0) {
    const targets = readRelationships(zip, sheet.path);
    for (const link of links) {
      const target = targets.get(link.rId)?.target;
      if (target === undefined) continue;
      const cells = rowFor(link.row, link.column);
      counts.text += target.length;
      cells[link.column] = { text: cells[link.column] ?? '', hyperlink: target };
    }
    if (counts.text > limits.maxTextLength) throw refusals.text(limits);
  }
  // A merged range repeats its first cell's value in every cell: counted in full before it is filled.
  let mergedArea = 0;
  for (const merge of merges) mergedArea += (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1);
  if (counts.cells + mergedArea > limits.maxCells) throw refusals.cells(limits);
  for (const merge of merges) {
    const master = rows.get(merge.top)?.[merge.left] ?? null;
    counts.text += textLength(master) * ((merge.bottom - merge.top + 1) * (merge.right - merge.left + 1) - 1);
    if (counts.text > limits.maxTextLength) throw refusals.text(limits);
    for (let r = merge.top; r <= merge.bottom; r += 1) {
      const cells = rowFor(r, merge.right);
      for (let c = merge.left; c <= merge.right; c += 1) if (r !== merge.top || c !== merge.left) cells[c] = master;
    }
  }

  return [...rows.keys()].sort((a, b) => a - b).map((r) => {
    const values = rows.get(r)!;
    // Dense: a cell never written is null.
    for (let i = 0; i < values.length; i += 1) if (values[i] === undefined) values[i] = null;
    return { row: r, values };
  });
}

/** The sheet read from a workbook, and the names of all its sheets in workbook order. */
export interface XlsxSheetRead {
  rows: XlsxRow[];
  sheets: string[];
  sheet: string;
}

/**
 * Reads a workbook's import sheet: the sheet named `wanted` when there is one, else the first
 * sheet for which `hasHeader` holds, else the first. Throws an UploadRefusal past a limit, and a
 * 422 for a damaged file.
 */
export function readXlsxSheet(bytes: Uint8Array, limits: UploadLimits, hasHeader: (rows: XlsxRow[]) => boolean, wanted?: string): XlsxSheetRead {
  try {
    const zip = new GuardedZip(bytes, limits);
    const { sheets, date1904 } = readWorkbook(zip);
    const names = sheets.map((s) => s.name);
    const context: SheetContext = { sharedStrings: readSharedStrings(zip), dateStyles: readDateStyles(zip), date1904, limits, counts: { cells: 0, text: 0 } };
    const named = sheets.find((s) => s.name === wanted);
    if (named) return { rows: readSheet(zip, named, context), sheets: names, sheet: named.name };
    let first: XlsxSheetRead | null = null;
    for (const sheet of sheets) {
      const rows = readSheet(zip, sheet, context);
      if (hasHeader(rows)) return { rows, sheets: names, sheet: sheet.name };
      first ??= { rows, sheets: names, sheet: sheet.name };
    }
    return first ?? { rows: [], sheets: names, sheet: names[0] ?? '' };
  } catch (error) {
    if (error instanceof UploadRefusal) throw error;
    throw unreadable();
  }
}

/** The rows of a workbook's import sheet (readXlsxSheet without the sheet names). */
export function readXlsx(bytes: Uint8Array, limits: UploadLimits, hasHeader: (rows: XlsxRow[]) => boolean): XlsxRow[] {
  return readXlsxSheet(bytes, limits, hasHeader).rows;
}
