/**
 * The hard limits on reading one import upload, and the refusals that name them. Reading runs in
 * a worker thread (parse-pool.ts), which checks these while it inflates and parses; the refusal
 * crosses back to the main thread as plain data and becomes the API's error envelope there.
 * It needs only the message catalogue, so the worker loads it cheaply.
 */
import { msg, render, type Message } from '../messages';

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

/** A refusal as it crosses the thread boundary (Messages are plain data): the ApiError to answer with. */
export interface RefusalData {
  status: 413 | 422 | 503;
  code: 'payload_too_large' | 'unprocessable' | 'busy';
  message: Message;
  details: Array<{ path: string; message: Message }>;
}

/** A file refused while reading it (thrown in the worker, answered by the main thread). */
export class UploadRefusal extends Error {
  constructor(
    readonly status: RefusalData['status'],
    readonly code: RefusalData['code'],
    readonly text: Message,
    readonly details: RefusalData['details'] = [],
  ) {
    // The English text, for logs; the answer renders the message in the request's language.
    super(render(text, 'en'));
    this.name = 'UploadRefusal';
  }

  toData(): RefusalData {
    return { status: this.status, code: this.code, message: this.text, details: this.details };
  }
}

export const unprocessable = (message: Message, details: RefusalData['details'] = []) => new UploadRefusal(422, 'unprocessable', message, details);
const tooLarge = (message: Message, details: RefusalData['details'] = []) => new UploadRefusal(413, 'payload_too_large', message, details);

const MB = 1024 * 1024;

/** The column letters a spreadsheet shows: 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Where a cell is, as a spreadsheet names it in any language: 'C2', or "'Trang 1'!C2" in a workbook. */
export function cellPlace(row: number, column: number, sheet?: string): string {
  const cell = `${columnLetters(column)}${row}`;
  return sheet === undefined ? cell : `'${sheet.replace(/'/gu, "''")}'!${cell}`;
}

export const refusals = {
  inflated: (limits: UploadLimits, part?: string) => {
    const mb = limits.maxInflatedBytes / MB;
    return tooLarge(msg('import_file_inflated', { mb, where: part ? msg('import_file_inflated_where', { part }) : '' }), [
      { path: 'file', message: msg('import_file_inflated_detail', { mb }) },
    ]);
  },
  cells: (limits: UploadLimits) =>
    unprocessable(msg('import_file_cells', { max: limits.maxCells }), [{ path: 'file', message: msg('import_file_cells_detail', { max: limits.maxCells }) }]),
  cellLength: (limits: UploadLimits, place: string) =>
    unprocessable(msg('import_file_cell_length', { place, max: limits.maxCellLength }), [{ path: place, message: msg('import_file_cell_length_detail', { max: limits.maxCellLength }) }]),
  text: (limits: UploadLimits) =>
    tooLarge(msg('import_file_text', { max: limits.maxTextLength }), [{ path: 'file', message: msg('import_file_text_detail', { max: limits.maxTextLength }) }]),
  time: (limits: UploadLimits) => {
    const seconds = limits.timeoutMs / 1000;
    return unprocessable(msg('import_file_time', { seconds }), [{ path: 'file', message: msg('import_file_time_detail', { seconds }) }]);
  },
  memory: (heapMb: number) => tooLarge(msg('import_file_memory', { mb: heapMb }), [{ path: 'file', message: msg('import_file_memory_detail', { mb: heapMb }) }]),
  busy: (queued: number) => new UploadRefusal(503, 'busy', msg('import_file_busy', { count: queued })),
};
