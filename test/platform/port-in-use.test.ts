import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/http/listen.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Express 5's `app.listen` hands a failure to listen to the same callback as success: a start on a
 * port another program holds announced "Red Bag is listening" and stayed up, serving nothing.
 */
describe('a port already in use', () => {
  const held: Server[] = [];
  const started: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-port-'));
  afterAll(async () => {
    // Should a start not stop by itself (the fault this file is about), it is not left running.
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(held.map((server) => new Promise((r) => server.close(r))));
    rmSync(dataDir, { recursive: true, force: true });
  });
  const holdAPort = async (): Promise<number> => {
    const server = await listen((_req, res) => res.end('another program'), 0, '127.0.0.1');
    held.push(server);
    return (server.address() as AddressInfo).port;
  };

  it('is refused by listen, in plain words, while a free port is listened on and served', async () => {
    const port = await holdAPort();
    await expect(listen(undefined, port, '127.0.0.1')).rejects.toThrow(`127.0.0.1:${port} is already in use by another program`);
    const server = await listen((_req, res) => res.end('here'), 0, '127.0.0.1');
    held.push(server);
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await res.text()).toBe('here');
  });

  it('stops `npm start` with a message saying so, instead of announcing it is listening', async () => {
    const port = await holdAPort();
    const child = spawn(process.execPath, [join(root, 'src/main.ts')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off', METRICS_PORT: 'off', LOG_LEVEL: 'info', SECRET_KEY: 'port-in-use-test-secret-key-0123456789abcdef' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`Red Bag could not start`);
    expect(output).toContain(`127.0.0.1:${port} is already in use by another program`);
    expect(output).not.toContain('Red Bag is listening');
    // The program holding the port is untouched.
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('another program');
  });
});
