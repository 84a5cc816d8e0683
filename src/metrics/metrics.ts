import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the database pool looks like right now (PostgreSQL only; SQLite has no pool). */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsSources {
  poolStats?: () => PoolStats;
  outboxDepth: () => Promise<number>;
}

/**
 * The service's Prometheus metrics, in a registry of its own (never prom-client's global one, so
 * several services in one process, as in the tests, keep their counts apart). Labels are bounded:
 * a route is Express's pattern (`/fhir/:type/:id`), never the path with its ids.
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'redbag_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'redbag_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const pool = sources.poolStats;
  if (pool) {
    new Gauge({
      name: 'redbag_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (total, idle, waiting clients)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = pool();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }
  new Gauge({
    name: 'redbag_outbox_waiting_messages',
    help: 'Emails in the outbox neither sent nor given up',
    registers: [registry],
    async collect() {
      this.set(await sources.outboxDepth());
    },
  });
  const jobs = new Counter({
    name: 'redbag_job_runs_total',
    help: 'Background job rounds (notice sweep, outbox delivery) by result (skipped: another instance held the lease)',
    labelNames: ['job', 'result'] as const,
    registers: [registry],
  });
  const emails = new Counter({
    name: 'redbag_outbox_emails_total',
    help: 'Emails handed to the mail sender, by result (sent, failed)',
    labelNames: ['result'] as const,
    registers: [registry],
  });

  const measureRequests: RequestHandler = (req, res, next) => {
    const end = latency.startTimer();
    res.on('finish', () => {
      const route = routePattern(req.baseUrl, req.route as { path?: unknown } | undefined);
      end({ method: req.method, route });
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };

  return {
    registry,
    measureRequests,
    jobRan(job: 'notice-sweep' | 'outbox', result: 'ok' | 'failed' | 'skipped'): void {
      jobs.inc({ job, result });
    },
    emailsHandled(sent: number, failed: number): void {
      if (sent > 0) emails.inc({ result: 'sent' }, sent);
      if (failed > 0) emails.inc({ result: 'failed' }, failed);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The matched route's pattern; anything unmatched (404s, static files) shares one label. */
function routePattern(baseUrl: string, route: { path?: unknown } | undefined): string {
  if (!route || typeof route.path !== 'string') return 'unmatched';
  return `${baseUrl}${route.path}` || '/';
}
