import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

export default defineConfig({
  plugins: [react(), precompress()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // exceljs (~900 kB minified) is its own chunk, fetched only when someone downloads an XLSX
    chunkSizeWarningLimit: 1000,
  },
});
