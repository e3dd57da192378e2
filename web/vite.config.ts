import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs on the same origin in production; in `vite dev` it is proxied to Plaza on :3000.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
    // Rollup's default split gave the calendar's first screen some fifty small files (a Mantine component
    // each), every one preloaded by a <link> of its own, fetched, compiled and linked on the main thread:
    // chunks under 20 KB without side effects merge into one loaded under the same conditions.
    rollupOptions: { output: { experimentalMinChunkSize: 20_000 } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
