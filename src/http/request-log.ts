import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log.ts';
import { requestContext } from './request-context.ts';

/** A caller's own request id is kept only when it looks like one: it is written into every log line. */
const safeRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * One line per request (pino-http): method, path, status, time, and a request id that every other
 * log line written while answering it also carries. Never the query string (it can hold names and
 * dates of birth), bodies or headers: the serializers below replace pino-http's, which log headers.
 */
export function requestLog(logger: Logger): RequestHandler {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const offered = req.headers['x-request-id'];
      const id = typeof offered === 'string' && safeRequestId.test(offered) ? offered : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    customAttributeKeys: { responseTime: 'ms' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name }),
    },
  });
  return (req, res, next) => {
    httpLogger(req, res);
    requestContext.run({ reqId: String(req.id) }, next);
  };
}
