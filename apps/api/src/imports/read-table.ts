/**
 * An uploaded file → its ImportTable (parse-table.ts), read in a worker thread (parse-pool.ts) so
 * that a hostile or merely large file never stalls the server, within hard limits on inflated
 * bytes, cells, cell length, total text and time (upload-limits.ts). Whatever is wrong with the
 * file as a whole is an ApiError (413 or 422, the message naming the limit and the fix).
 */
import { ApiError } from '../http/errors';
import type { ParsePool } from './parse-pool';
import { sharedParsePool } from './parse-pool';
import { DEFAULT_UPLOAD_LIMITS, UploadRefusal, type UploadLimits } from './upload-limits';

export { cleanCell, SEPARATORS, sniffSeparator, type ImportTable, type ParseOptions, type Separator } from './parse-table';
import type { ImportTable, ParseOptions } from './parse-table';

export interface ReadImportOptions {
  /** Limits to apply instead of the defaults (tests use small ones). */
  limits?: Partial<UploadLimits>;
  /** The worker pool to read in; the server's shared one by default. */
  pool?: ParsePool;
  /** The user's mapping, remembered mappings and sheet (parse-table.ts ParseOptions). */
  parse?: ParseOptions;
}

/**
 * Reads an upload into an ImportTable, or an ApiError saying what is wrong with the file as a whole.
 * await readImportTable(csvBytes) → { format: 'csv', encoding: 'utf-8-bom', separator: ';', rows: [...] }
 */
export async function readImportTable(bytes: Uint8Array, options: ReadImportOptions = {}): Promise<ImportTable> {
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  try {
    return await (options.pool ?? sharedParsePool()).parse(bytes, limits, options.parse);
  } catch (error) {
    if (error instanceof UploadRefusal) throw new ApiError(error.status, error.code, error.text, error.details);
    throw error;
  }
}
