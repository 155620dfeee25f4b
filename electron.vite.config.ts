/**
 * electron-vite build for the three parts of the app, in the electron-vite template's layout: the main
 * process (src/main/index.ts), the preload (src/preload/index.ts) and the React console (src/renderer).
 * `--mode renderer-only` builds just the console: the headless host (`npm run serve`) and the browser tests
 * need nothing else, and should not break while the Electron shell is being worked on.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'electron-vite';

const renderer: UserConfig['renderer'] = {
  root: resolve(__dirname, 'src/renderer'),
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the console unminified; the browser then parses and compiles 1.5 MB before the
    // first view can show (most of a first paint). Minified, it is a third of that.
    minify: true,
    rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'renderer-only') return { renderer };
  return {
    main: {
      build: {
        // better-sqlite3 is a native addon: it is loaded from node_modules at run time, never bundled.
        externalizeDeps: { include: ['better-sqlite3'] },
        // The view and intake workers are entries of their own (out/main/view-worker.js, intake-worker.js),
        // started by view-client.ts and intake-client.ts.
        rollupOptions: {
          input: {
            index: resolve(__dirname, 'src/main/index.ts'),
            'view-worker': resolve(__dirname, 'src/main/desk/view-pages/view-worker.ts'),
            'intake-worker': resolve(__dirname, 'src/main/intake/worker/intake-worker.ts'),
          },
        },
      },
    },
    preload: {},
    renderer,
  };
});
