import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';

/**
 * One line per request: method, path, status, time. Never the query string (it can hold names and
 * dates of birth) nor bodies or headers.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
