import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { listen } from '../../src/http/listen.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { openService, type Service } from '../../src/service.ts';
import { createCitusSchema } from './citus.ts';
import { createTestSchema } from './postgres.ts';

export type StoreKind = 'sqlite' | 'postgres';
/** A store to start the service on: also 'citus', a database of its own on the local Citus cluster (support/citus.ts). */
export type ServiceStoreKind = StoreKind | 'citus';

export interface RunningService {
  url: string;
  /** Where this service keeps its files (SQLite, keys, emails written in development under mail/). */
  dataDir: string;
  /** The PostgreSQL schema's URL (absent on SQLite, whose file is DATA_DIR/redbag.sqlite). */
  databaseUrl?: string;
  service: Service;
  server: Server;
  stop(): Promise<void>;
}

/** The real service on a real port, over a fresh SQLite file, a fresh PostgreSQL schema or a fresh Citus database. */
export async function startService(kind: ServiceStoreKind, env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-test-'));
  const schema = kind === 'postgres' ? await createTestSchema('svc') : kind === 'citus' ? await createCitusSchema('svc') : undefined;
  // The port is held from here on: a port found free and let go could be taken (by another test
  // file's outgoing connection, say) before the service listened on it.
  const server = await listen(undefined, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  // Tests sign many people up from one address: the sign-up limit is tested on its own (test/security).
  // One SECRET_KEY for every test service unless a test gives its own, as instances of one deployment
  // share theirs: a second service on the same schema (another DATA_DIR) can then open what the first sealed.
  const testLimits = { REGISTER_PER_ADDRESS: '10000', SECRET_KEY: 'the test services share this secret key, 32+' };
  const settings: Record<string, string> = { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', ...testLimits, ...(schema ? { DATABASE_URL: schema.url } : {}), ...env };
  // SECRET_KEY: '' means none at all (the start then keeps a key file of its own in DATA_DIR).
  if (settings.SECRET_KEY === '') delete settings.SECRET_KEY;
  const config = loadConfig(settings);
  const service = await openService(config, options.logger ?? createLogger(config.logLevel)).catch((err: unknown) => {
    server.close();
    throw err;
  });
  server.on('request', service.app);
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
