import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './http/request-context.ts';

export type { Logger };

/**
 * Structured JSON logs. Never pass a resource, a request body, a password or a token to the
 * logger: log ids, types, status codes and timings only. The redact list is a second line of
 * defence, not the first. Every line written while a request is being answered carries its
 * `reqId` (the same id is sent back as `X-Request-Id`), so one request can be followed through.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: undefined,
    mixin: () => {
      const reqId = currentRequestId();
      return reqId === undefined ? {} : { reqId };
    },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'access_token', 'authorization', '*.authorization', 'cookie', '*.cookie', 'resource', '*.resource', 'body', '*.body'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
