import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request } from 'express';
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
  router.use('/assets', express.static(`${dist}/assets`, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (!isPageRequest(req)) return next();
    if (!existsSync(`${dist}/index.html`)) {
      res.status(503).type('text/plain').send('The web pages have not been built yet. Run "npm run build" once, then start again.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile('index.html', { root: dist });
  });
  return router;
}

function isPageRequest(req: Request): boolean {
  if (apiPrefixes.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return false;
  return req.accepts(['text/html', 'application/json']) === 'text/html';
}
