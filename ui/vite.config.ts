/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import ElementPlus from 'unplugin-element-plus/vite';

// Everything is bundled into dist/: the app loads nothing from the network at run time.
// Element Plus is imported per component (with its styles) where the templates use it, not as
// a whole: half the script to parse and far fewer style rules at start-up (bench/app.mjs).
export default defineConfig({
  plugins: [
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css', directives: true })], dts: false }),
    // Styles for what scripts import by name (ElMessage, ElMessageBox).
    ElementPlus({}),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'safari15', chunkSizeWarningLimit: 2000 },
  test: { include: ['src/**/*.test.ts'] },
});
