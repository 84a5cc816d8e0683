import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openService } from './service.ts';
import { listen, ListenError } from './http/listen.ts';
import { createMetricsApp } from './http/metrics-app.ts';
import { startBanner } from './demo/demo-banner.ts';

/** loadConfig → open the service → listen; on SIGTERM/SIGINT finish requests in flight, then close the store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const service = await openService(config, logger);
  // A port already in use stops the start (closing the store first) instead of running on unreachable.
  const server = await listen(service.app, config.port, config.host).catch(async (err: unknown) => {
    await service.close();
    throw err;
  });
  service.setReady(true);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, publicUrl: config.publicUrl, demoMode: config.demoData }, 'Red Bag is listening');
  process.stdout.write(startBanner(config.publicUrl, config.demoData));
  // A metrics port already taken must not stop the service people rely on: it is logged and left off.
  const { metrics } = config;
  const metricsServer = metrics
    ? await listen(createMetricsApp(service.metrics), metrics.port, metrics.host).then(
        (listening) => {
          logger.info({ host: metrics.host, port: metrics.port }, 'metrics are served at /metrics');
          return listening;
        },
        (err: Error) => {
          logger.warn({ reason: err.message }, 'metrics listener could not start');
          return undefined;
        },
      )
    : undefined;

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    service.setReady(false);
    logger.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
    force.unref();
    metricsServer?.close();
    server.close(() => {
      service
        .close()
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch(() => process.exit(1));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // A bad setting or a port in use is told in plain words; anything else with its stack.
  const plain = err instanceof ListenError ? `Red Bag could not start: ${err.message}` : err instanceof ConfigError ? err.message : undefined;
  process.stderr.write(`${plain ?? `Red Bag could not start: ${(err as Error)?.stack ?? String(err)}`}\n`);
  process.exit(1);
});
