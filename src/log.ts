import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Never pass a resource, a request body, a password or a token to the
 * logger: log ids, types, status codes and timings only. The redact list is a second line of
 * defence, not the first.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'access_token', 'authorization', '*.authorization', 'cookie', '*.cookie', 'resource', '*.resource', 'body', '*.body'],
      censor: '[redacted]',
    },
  });
}
