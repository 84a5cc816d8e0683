import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while answering one request carries: its id, nothing about the person. */
export interface RequestContext {
  reqId: string;
}

/**
 * The request being answered, wherever the code is. Kept in async context rather than passed down,
 * so a log line written deep in the record or the notifier still names its request without every
 * function taking a logger argument.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request being answered, if any (background jobs have none). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.reqId;
}
