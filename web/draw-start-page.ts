import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin } from 'vite';

/**
 * After the app is built, draws the start page once (web/src/start-page.tsx, run through Vite's own
 * server-side loader) into start.html beside index.html. The service sends it for "/" only.
 */
export function drawStartPage(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'redbag-draw-start-page',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const loader = await createServer({
        root,
        configFile: false,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        plugins: [react()],
      });
      try {
        const { startPageMarkup } = (await loader.ssrLoadModule('/src/start-page.tsx')) as { startPageMarkup(): string };
        const page = readFileSync(join(outDir, 'index.html'), 'utf8');
        const empty = '<div id="root"></div>';
        if (!page.includes(empty)) throw new Error('index.html has no empty <div id="root"></div> to draw the start page into');
        writeFileSync(join(outDir, 'start.html'), page.replace(empty, `<div id="root">${startPageMarkup()}</div>`));
      } finally {
        await loader.close();
      }
    },
  };
}
