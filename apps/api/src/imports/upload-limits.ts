/**
 * The hard limits on reading one import upload, and the refusals that name them. Reading runs in
 * a worker thread (parse-pool.ts), which checks these while it inflates and parses; the refusal
 * crosses back to the main thread as plain data and becomes the API's error envelope there.
 * Dependency-free, so the worker loads it cheaply.
 */

export interface UploadLimits {
  /**
   * Bytes an XLSX may unpack to, summed over the zip entries read (workbook, styles, shared
   * texts, sheets), counted while inflating: the sizes a zip declares are never trusted.
   */
  maxInflatedBytes: number;
  /** Cells read, empty ones included: rows × columns as far as each row goes, merged areas in full. */
  maxCells: number;
  /** Characters in one cell. */
  maxCellLength: number;
  /** Characters in all cells together (an XLSX can repeat one shared text in every cell). */
  maxTextLength: number;
  /** Wall time of reading one file, in milliseconds; past it the worker is terminated. */
  timeoutMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxInflatedBytes: 50 * 1024 * 1024,
  maxCells: 1_000_000,
  maxCellLength: 4_000,
  maxTextLength: 50_000_000,
  timeoutMs: 10_000,
});

/** Heap the parse worker may use; past it the worker dies and the file is refused. */
export const DEFAULT_WORKER_HEAP_MB = 512;

/** A refusal as it crosses the thread boundary: the ApiError to answer with. */
export interface RefusalData {
  status: 413 | 422 | 503;
  code: string;
  message: string;
  details: Array<{ path: string; message: string }>;
}

/** A file refused while reading it (thrown in the worker, answered by the main thread). */
export class UploadRefusal extends Error {
  constructor(
    readonly status: RefusalData['status'],
    readonly code: string,
    message: string,
    readonly details: RefusalData['details'] = [],
  ) {
    super(message);
    this.name = 'UploadRefusal';
  }

  toData(): RefusalData {
    return { status: this.status, code: this.code, message: this.message, details: this.details };
  }
}

export const unprocessable = (message: string, details: RefusalData['details'] = []) => new UploadRefusal(422, 'unprocessable', message, details);
const tooLarge = (message: string, details: RefusalData['details'] = []) => new UploadRefusal(413, 'payload_too_large', message, details);

const count = (n: number) => n.toLocaleString('en-US');
/** 52428800 → '50 MB'; 1536 → '1.5 KB' (binary units, as the upload limit is written). */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MB', bytes / (1024 * 1024)] : bytes >= 1024 ? ['KB', bytes / 1024] : ['bytes', bytes];
  return `${Number(size.toFixed(1)).toLocaleString('en-US')} ${unit}`;
}
const seconds = (ms: number) => (ms >= 1000 ? `${Number((ms / 1000).toFixed(1)).toLocaleString('en-US')} seconds` : `${ms} ms`);

/** The column letters a spreadsheet shows: 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Where a cell is, for a person: 'row 3, column B' (of sheet "Trang" in a workbook). */
export function cellPlace(row: number, column: number, sheet?: string): string {
  return `row ${count(row)}, column ${columnLetters(column)}${sheet === undefined ? '' : ` of sheet "${sheet}"`}`;
}

export const refusals = {
  inflated: (limits: UploadLimits, part?: string) =>
    tooLarge(
      `The XLSX file inflates to more than ${formatBytes(limits.maxInflatedBytes)} when unpacked${part ? ` (reached while unpacking ${part})` : ''}, the limit for one import: it holds far more than an import table (or it is a zip bomb). Delete unused sheets, rows and columns, or save the sheet as CSV (UTF-8), and upload it again.`,
      [{ path: 'file', message: `unpacks to more than ${formatBytes(limits.maxInflatedBytes)}` }],
    ),
  cells: (limits: UploadLimits) =>
    unprocessable(
      `The file has more than ${count(limits.maxCells)} cells (rows × columns, empty cells included), the limit for one import. Delete the empty rows and columns beyond the table, or split the file (for example by province) and import the parts one after another.`,
      [{ path: 'file', message: `has more than ${count(limits.maxCells)} cells` }],
    ),
  cellLength: (limits: UploadLimits, place: string) =>
    unprocessable(
      `A cell in ${place} is longer than ${count(limits.maxCellLength)} characters, the limit for one cell. Shorten it (or clear it, if that column is not imported) and upload the file again.`,
      [{ path: place, message: `is longer than ${count(limits.maxCellLength)} characters` }],
    ),
  text: (limits: UploadLimits) =>
    tooLarge(
      `The cells of the file hold more than ${count(limits.maxTextLength)} characters in all, the limit for one import. Split the file (for example by province) and import the parts one after another.`,
      [{ path: 'file', message: `holds more than ${count(limits.maxTextLength)} characters` }],
    ),
  time: (limits: UploadLimits) =>
    unprocessable(
      `Reading the file took longer than ${seconds(limits.timeoutMs)}, the time limit for reading one import, and was stopped. Delete unused sheets, rows and columns, or split the file (for example by province), and upload it again.`,
      [{ path: 'file', message: `takes longer than ${seconds(limits.timeoutMs)} to read` }],
    ),
  memory: (heapMb: number) =>
    tooLarge(
      `Reading the file needed more than ${heapMb} MB of memory, the limit for reading one import, and was stopped. Delete unused sheets, rows and columns, or split the file (for example by province), and upload it again.`,
      [{ path: 'file', message: `needs more than ${heapMb} MB of memory to read` }],
    ),
  busy: (queued: number) => new UploadRefusal(503, 'busy', `The server is already reading ${count(queued)} import files; try again in a minute.`),
};
