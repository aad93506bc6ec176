// Entry of the upload parse worker (parse-pool.ts). Plain JavaScript, so Node can start it as a
// worker wherever the server runs: under tsx (npm run serve) or under vitest. It loads the
// TypeScript body through tsx's scoped import, which touches no other module loading.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
