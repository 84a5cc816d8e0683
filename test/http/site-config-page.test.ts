import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebApp } from '../../src/http/web-app.ts';

/**
 * The first page carries the service's name and logo in its own meta tags (issue 14: no request and no
 * second drawing before the page is usable). An organisation's name with quotes or angle brackets is
 * written as text, never as markup.
 */
let server: Server;
let url: string;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'redbag-dist-'));
  // The repository's own page template (what Vite copies into web/dist), not a hand-made one.
  copyFileSync(new URL('../../web/index.html', import.meta.url), join(dist, 'index.html'));
  const app = express();
  app.use(createWebApp({ publicUrl: 'http://localhost', serviceName: 'Leeds "Red" Bag <NHS>', logoUrl: '/logos/leeds.svg?v=1&x=2', trustedIssuers: [], distDir: dist }));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

it('writes the configured name and logo into every page address, escaped', async () => {
  for (const path of ['/', '/sign-in', '/home']) {
    const response = await fetch(`${url}${path}`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<meta name="redbag:service-name" content="Leeds &quot;Red&quot; Bag &lt;NHS&gt;"');
    expect(page).toContain('<meta name="redbag:logo-url" content="/logos/leeds.svg?v=1&amp;x=2"');
    expect(page).not.toContain('<NHS>');
  }
});

it('never sends the pre-drawn start page as it is on disk, with its slots unfilled', async () => {
  const response = await fetch(`${url}/start.html`, { redirect: 'manual' });
  expect(response.status).toBe(301);
  expect(response.headers.get('location')).toBe('/');
});

it('still answers site-config.json for anything that reads it', async () => {
  const response = await fetch(`${url}/site-config.json`);
  expect(await response.json()).toEqual({ serviceName: 'Leeds "Red" Bag <NHS>', logoUrl: '/logos/leeds.svg?v=1&x=2' });
});
