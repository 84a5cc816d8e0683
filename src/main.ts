import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openService } from './service.ts';
import { createMetricsApp } from './http/metrics-app.ts';

/** loadConfig → open the service → listen; on SIGTERM/SIGINT finish requests in flight, then close the store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const service = await openService(config, logger);
  const server = service.app.listen(config.port, config.host, () => {
    service.setReady(true);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, publicUrl: config.publicUrl }, 'Red Bag is listening');
  });
  const metricsServer = config.metrics
    ? createMetricsApp(service.metrics).listen(config.metrics.port, config.metrics.host, () => {
        logger.info({ host: config.metrics?.host, port: config.metrics?.port }, 'metrics are served at /metrics');
      })
    : undefined;
  // A metrics port already taken must not stop the service people rely on: it is logged and left off.
  metricsServer?.on('error', (err: NodeJS.ErrnoException) => logger.warn({ code: err.code }, 'metrics listener could not start'));

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
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `Red Bag could not start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
