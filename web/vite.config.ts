import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { drawStartPage } from './draw-start-page.ts';
import { precompressAssets } from './precompress.ts';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// The portal and the scanner, one single-page app served by the Express service from web/dist.
export default defineConfig({
  root: here,
  plugins: [react(), drawStartPage(), precompressAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The zxing decoder's .wasm is served from our own origin, never a CDN.
    assetsInlineLimit: 0,
    // nhsuk-frontend ships minified CSS with old-browser hacks that lightningcss refuses to re-minify.
    cssMinify: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
