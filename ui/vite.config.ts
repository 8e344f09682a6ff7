/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Everything is bundled into dist/: the app loads nothing from the network at run time.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'safari15', chunkSizeWarningLimit: 2000 },
  test: { include: ['src/**/*.test.ts'] },
});
