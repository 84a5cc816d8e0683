/**
 * The database cannot be reached just now (restarting, failing over, the network between). Not a
 * fault in the request: the caller should try again shortly, and the service itself stays up and
 * reconnects on its own.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'ERR_STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The record store cannot be reached just now.', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const lostConnectionStates = new Set(['57P01', '57P02', '57P03', '53300']);
const socketErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** True when a pg error says the server went away or refused the connection (as opposed to a bad statement). */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || lostConnectionStates.has(code) || socketErrors.has(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  // pg's own words for a connection that died under it, or that it will not reuse.
  return /Connection terminated|not queryable|Connection ended|timeout exceeded when trying to connect/i.test(message);
}

/** Runs a database call, turning a lost connection into StoreUnavailableError and leaving other errors alone. */
export async function whileConnected<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw isConnectionFailure(err) ? new StoreUnavailableError(err) : err;
  }
}
