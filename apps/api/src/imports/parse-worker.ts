/**
 * The body of the upload parse worker (started by parse-pool.ts through parse-worker-entry.mjs):
 * reads each posted file with parseImportTable and posts back the table, the refusal, or the
 * failure. Posts { ready: true } once loaded, so time limits count reading, not start-up.
 */
import { parentPort } from 'node:worker_threads';
import { parseImportTable, type ImportTable, type ParseOptions } from './parse-table';
import { UploadRefusal, type RefusalData, type UploadLimits } from './upload-limits';

export interface ParseJob {
  id: number;
  bytes: Uint8Array;
  limits: UploadLimits;
  options: ParseOptions;
}

export type ParseAnswer =
  | { ready: true }
  | { id: number; table: ImportTable }
  | { id: number; refusal: RefusalData }
  | { id: number; failure: string };

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs in a worker thread (see parse-pool.ts)');

const post = (answer: ParseAnswer) => port.postMessage(answer);

port.on('message', ({ id, bytes, limits, options }: ParseJob) => {
  try {
    post({ id, table: parseImportTable(bytes, limits, options) });
  } catch (error) {
    if (error instanceof UploadRefusal) post({ id, refusal: error.toData() });
    else post({ id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
post({ ready: true });
