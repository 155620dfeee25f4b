/**
 * electron-vite build for the three parts of the app, in the electron-vite template's layout: the main
 * process (src/main/index.ts), the preload (src/preload/index.ts) and the React console (src/renderer).
 * `--mode renderer-only` builds just the console: the headless host (`npm run serve`) and the browser tests
 * need nothing else, and should not break while the Electron shell is being worked on.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The console's entry (src/main.tsx) is small and loads React and the views (src/render.tsx) with a dynamic
 * import, so it can open the socket and ask for the first view's data while they load. A dynamic import is
 * fetched only when it runs; listing its chunks in the page as modulepreload links has the browser fetch and
 * compile them alongside the entry instead.
 */
function preloadRenderChunk(): Plugin {
  return {
    name: 'acs-preload-render-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((output) => output.type === 'chunk');
        const render = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/render.tsx'));
        if (!render) throw new Error('The console has no render chunk (src/renderer/src/render.tsx)');
        return [render.fileName, ...render.imports]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

const renderer: UserConfig['renderer'] = {
  root: resolve(__dirname, 'src/renderer'),
  plugins: [react(), preloadRenderChunk()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the console unminified; the browser then parses and compiles 1.5 MB before the
    // first view can show (most of a first paint). Minified, it is a third of that.
    minify: true,
    // One stylesheet, linked from the page: the views' own styles must not wait for their chunk to load.
    cssCodeSplit: false,
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
