import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { openService, type Service } from '../../src/service.ts';
import { createTestSchema } from './postgres.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface RunningService {
  url: string;
  /** Where this service keeps its files (SQLite, keys, emails written in development under mail/). */
  dataDir: string;
  /** The PostgreSQL schema's URL (search_path set), when on PostgreSQL: for tests that look at the rows themselves. */
  databaseUrl?: string;
  service: Service;
  server: Server;
  stop(): Promise<void>;
}

/** The real service on a real port, over a fresh SQLite file or a fresh PostgreSQL schema. */
export async function startService(kind: StoreKind, env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-test-'));
  const schema = kind === 'postgres' ? await createTestSchema('svc') : undefined;
  const port = await freePort();
  // Tests sign many people up from one address: the sign-up limit is tested on its own (test/security).
  // One SECRET_KEY for every test service unless a test gives its own, as instances of one deployment
  // share theirs: a second service on the same schema (another DATA_DIR) can then open what the first sealed.
  const testLimits = { REGISTER_PER_ADDRESS: '10000', SECRET_KEY: 'the test services share this secret key, 32+' };
  const settings: Record<string, string> = { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', ...testLimits, ...(schema ? { DATABASE_URL: schema.url } : {}), ...env };
  // SECRET_KEY: '' means none at all (the start then keeps a key file of its own in DATA_DIR).
  if (settings.SECRET_KEY === '') delete settings.SECRET_KEY;
  const config = loadConfig(settings);
  const service = await openService(config, options.logger ?? createLogger(config.logLevel));
  const server = await new Promise<Server>((resolve) => {
    const s = service.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  service.setReady(true);
  const url = config.publicUrl;
  return {
    url,
    dataDir,
    ...(schema ? { databaseUrl: schema.url } : {}),
    service,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await service.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody is using, so PUBLIC_URL (and so every link the service writes) is right before it listens. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
