import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * Listens, and resolves only once the server really is listening. Express 5's `app.listen` hands a
 * failure (a port already in use) to the same callback as success, so a caller that ignores its
 * argument announced "listening" and served nothing. Here a failure rejects, with a plain message.
 */
export function listen(handler: RequestListener | undefined, port: number, host: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise<Server>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException): void => {
      const taken = err.code === 'EADDRINUSE' ? ` (${host}:${port} is already in use by another program)` : '';
      reject(new ListenError(`could not listen on ${host}:${port}${taken}: ${err.message}`));
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}

/** A failure to listen: its message says all an operator needs, so it is shown without a stack. */
export class ListenError extends Error {}
