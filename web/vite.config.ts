/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The bundle ships inside the Python package (qkatlas/web/dist), served by FastAPI.
export default defineConfig({
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, '../qkatlas/web/dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
