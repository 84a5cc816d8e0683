import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extname } from 'node:path';
import express, { Router, type Request, type RequestHandler } from 'express';
import compression from 'compression';
import helmet from 'helmet';

export interface WebAppDeps {
  publicUrl: string;
  serviceName: string;
  logoUrl: string;
  /** Card issuers the scanner trusts besides this service. */
  trustedIssuers: readonly { iss: string; name: string }[];
  /** Where the built app is (web/dist); tests may point elsewhere. */
  distDir?: string;
}

const defaultDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Paths that belong to the APIs: never answered with the app's page, so they keep their FHIR 404s. */
const apiPrefixes = ['/fhir', '/auth', '/admin', '/shl', '/red-bag', '/.well-known', '/healthz'];

/**
 * The portal and scanner (web/, built by Vite into web/dist): static files, the two small JSON files
 * the pages read (site-config, the scanner's trust list), and index.html for every page address.
 */
export function createWebApp(deps: WebAppDeps): Router {
  const dist = deps.distDir ?? defaultDist;
  const router = Router();
  const https = deps.publicUrl.startsWith('https://');
  router.use(
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // The QR decoder is WebAssembly; nothing else is evaluated.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        // Other trusted issuers' keys and health links live on their own servers.
        connectSrc: ["'self'", 'https:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // The NHS.UK fonts come from a third party; the system font reads as well and asks no one else.
        fontSrc: ["'self'"],
        styleSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    }),
  );
  // Pages and scripts go out compressed: an old phone on a poor connection gets a quarter of the bytes.
  router.use(compression());
  router.get('/site-config.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ serviceName: deps.serviceName, logoUrl: deps.logoUrl });
  });
  router.get('/scan/trust-list.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ issuers: [{ iss: deps.publicUrl, name: deps.serviceName }, ...deps.trustedIssuers] });
  });
  router.get('/sw.js', (_req, res, next) => {
    res.set('Cache-Control', 'no-cache');
    next();
  });
  // The pre-drawn start page has slots the page route fills in: never sent as it is on disk.
  router.get('/start.html', (_req, res) => res.redirect(301, '/'));
  router.use('/assets', sendPrecompressed(`${dist}/assets`));
  router.use('/assets', express.static(`${dist}/assets`, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (!isPageRequest(req)) return next();
    if (!existsSync(`${dist}/index.html`)) {
      res.status(503).type('text/plain').send('The web pages have not been built yet. Run "npm run build" once, then start again.');
      return;
    }
    // The start page comes drawn ahead (web/src/start-page.tsx) when the build made it.
    const file = req.path === '/' && existsSync(`${dist}/start.html`) ? 'start.html' : 'index.html';
    readFile(`${dist}/${file}`, 'utf8')
      .then((page) => res.set('Cache-Control', 'no-cache').type('html').send(withSiteConfig(page, deps)))
      .catch(next);
  });
  return router;
}

/**
 * The service's name and logo written into the page's meta tags, so the first page needs no request for
 * them, and into the slots of the start page drawn ahead (web/src/site-config.ts names them).
 */
export function withSiteConfig(page: string, site: { serviceName: string; logoUrl: string }): string {
  return page
    .replaceAll('%SERVICE_NAME%', attributeText(site.serviceName))
    .replaceAll('%SERVICE_LOGO_URL%', attributeText(site.logoUrl))
    .replace(/(<meta name="redbag:service-name" content=")[^"]*"/, (_m, start: string) => `${start}${attributeText(site.serviceName)}"`)
    .replace(/(<meta name="redbag:logo-url" content=")[^"]*"/, (_m, start: string) => `${start}${attributeText(site.logoUrl)}"`);
}

function attributeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The build's Brotli or gzip copy of an asset (web/precompress.ts), when the browser takes it: compressed
 * once at build time at the highest setting rather than on every visit. Anything else falls through to
 * express.static (and the compression middleware).
 */
function sendPrecompressed(dir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const encoding = req.acceptsEncodings('br', 'gzip');
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : undefined;
    const name = req.path.slice(1);
    // Built asset names are plain (name-hash.ext); anything else is left to express.static.
    if (!suffix || !/^[\w.-]+$/.test(name) || !existsSync(`${dir}/${name}${suffix}`)) return next();
    res.vary('Accept-Encoding');
    res.set({ 'Content-Encoding': encoding, 'Cache-Control': 'public, max-age=31536000, immutable' });
    res.type(extname(name));
    res.sendFile(`${name}${suffix}`, { root: dir }, (error) => error && next(error));
  };
}

function isPageRequest(req: Request): boolean {
  if (apiPrefixes.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return false;
  return req.accepts(['text/html', 'application/json']) === 'text/html';
}
