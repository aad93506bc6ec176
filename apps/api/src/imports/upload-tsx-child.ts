/**
 * Child process of upload-limits.test.ts: reads two files through the parse worker under tsx, as
 * the server runs (`tsx apps/api/src/main.ts`), and prints what it read as JSON. The process must
 * then exit by itself: an idle worker does not keep it alive.
 * Run: node node_modules/tsx/dist/cli.mjs apps/api/src/imports/upload-tsx-child.ts
 */
import { ApiError } from '../http/errors';
import { readImportTable } from './read-table';

const table = await readImportTable(Buffer.from('Mã xã;URL\r\n06385;https://www.facebook.com/tsx.test\r\n', 'utf8'));
const refused = await readImportTable(Buffer.from(`Mã xã;URL\r\n${'1'.repeat(4_001)};x\r\n`, 'utf8')).catch((error: unknown) => error);
const refusal = refused instanceof ApiError ? refused.message.split(', the limit')[0] : String(refused);
process.stdout.write(JSON.stringify({ format: table.format, separator: table.separator, rows: table.rows, refusal }));
