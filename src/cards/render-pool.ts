import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FhirError, type FhirErrorCode } from '../fhir/errors.ts';
import type { RenderJob } from './render-jobs.ts';

/** The pool is full: the caller answers 503 with Retry-After rather than queue without end. */
export class RenderBusy extends Error {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('Printouts are busy: please try again in a moment.');
    this.name = 'RenderBusy';
  }
}

export interface RenderPool {
  run(job: RenderJob): Promise<string | Buffer>;
  /** Starts the threads now (they load the drawing code, about half a second), so the first drawing does not wait for them. */
  warm(): void;
  /** Jobs running and waiting, for tests and metrics. */
  load(): { running: number; waiting: number };
  close(): Promise<void>;
}

interface Waiting {
  job: RenderJob;
  resolve: (output: string | Buffer) => void;
  reject: (err: unknown) => void;
}

interface Thread {
  worker: Worker;
  busy?: Waiting;
}

/**
 * Drawing QR codes and printouts on worker threads, so one person's printout never holds up
 * everyone's reads on the event loop. Small and bounded: `threads` workers (one on a 2-core
 * machine, leaving the other core to the event loop and the database), each one job at a time,
 * and at most `maxWaiting` jobs waiting; past that `run` throws RenderBusy at once. Threads start on
 * the first job and never keep the process alive.
 */
export function createRenderPool(options: { threads?: number; maxWaiting?: number } = {}): RenderPool {
  const size = options.threads ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const maxWaiting = options.maxWaiting ?? 32;
  const threads: Thread[] = [];
  const queue: Waiting[] = [];

  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(new URL('./render-worker.ts', import.meta.url)) };
    thread.worker.unref();
    thread.worker.on('message', (message: { output?: string | Uint8Array; error?: { code: FhirErrorCode; message: string } }) => {
      const job = thread.busy;
      thread.busy = undefined;
      if (message.error) job?.reject(new FhirError(message.error.code, message.error.message));
      else job?.resolve(typeof message.output === 'string' ? message.output : Buffer.from(message.output!.buffer, message.output!.byteOffset, message.output!.byteLength));
      next();
    });
    // A thread that dies fails its job, and a new one takes its place on the next job.
    const lost = (err: unknown): void => {
      threads.splice(threads.indexOf(thread), 1);
      thread.busy?.reject(err instanceof Error ? err : new FhirError('internal', 'The printout could not be drawn.'));
      thread.busy = undefined;
      next();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', (code) => threads.includes(thread) && lost(new FhirError('internal', `The printout could not be drawn (exit ${code}).`)));
    threads.push(thread);
    return thread;
  };

  let sequence = 0;
  const next = (): void => {
    while (queue.length > 0) {
      const idle = threads.find((t) => !t.busy) ?? (threads.length < size ? start() : undefined);
      if (!idle) return;
      const waiting = queue.shift()!;
      idle.busy = waiting;
      idle.worker.postMessage({ id: ++sequence, job: waiting.job });
    }
  };

  return {
    run(job) {
      const running = threads.filter((t) => t.busy).length;
      if (running >= size && queue.length >= maxWaiting) return Promise.reject(new RenderBusy());
      return new Promise((resolve, reject) => {
        queue.push({ job, resolve, reject });
        next();
      });
    },
    warm() {
      while (threads.length < size) start();
    },
    load: () => ({ running: threads.filter((t) => t.busy).length, waiting: queue.length }),
    async close() {
      const all = threads.splice(0);
      for (const waiting of queue.splice(0)) waiting.reject(new FhirError('unavailable', 'The service is stopping.'));
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}

let shared: RenderPool | undefined;

/** One pool for the process: every service in it (tests start several) shares the same few threads. */
export function sharedRenderPool(): RenderPool {
  shared ??= createRenderPool();
  return shared;
}
