import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const compressible = /\.(js|css|svg|wasm|json|webmanifest)$/;

/**
 * After the build, writes a Brotli (.br) and a gzip (.gz) copy of each script, stylesheet and image in
 * assets/, at the highest settings, once. The service sends these (web-app.ts) instead of compressing
 * the same files again on every visit, which on a busy 2-core server delayed an old phone's first page.
 */
export function precompressAssets(): Plugin {
  let assets = '';
  return {
    name: 'redbag-precompress-assets',
    apply: 'build',
    configResolved(config) {
      assets = join(resolve(config.root, config.build.outDir), config.build.assetsDir);
    },
    closeBundle() {
      for (const name of readdirSync(assets)) {
        if (!compressible.test(name)) continue;
        const file = join(assets, name);
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}
