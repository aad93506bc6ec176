// Entry of the figure worker (figure-engine.ts). Plain JavaScript, so Node can start it as a
// worker under tsx or vitest; it loads the TypeScript body through tsx's scoped import. The
// server's bundle (apps/api/launch.mjs) has its own figure-worker-entry.mjs, built from
// figure-worker.ts.
import { tsImport } from 'tsx/esm/api';

await tsImport('./figure-worker.ts', import.meta.url);
