import express, { type Express } from 'express';
import type { Metrics } from '../metrics/metrics.ts';

/**
 * `/metrics` in the Prometheus text format, on a listener of its own (METRICS_HOST:METRICS_PORT,
 * 127.0.0.1 by default): operators scrape it from the machine or a private network, and the public
 * port never answers it.
 */
export function createMetricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}
