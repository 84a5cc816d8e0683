import { parentPort } from 'node:worker_threads';
import { FhirError } from '../fhir/errors.ts';
import { renderJob, type RenderJob } from './render-jobs.ts';

/** A render-pool thread (render-pool.ts): one job at a time, answered with its drawing or its error. */
parentPort?.on('message', async (message: { id: number; job: RenderJob }) => {
  try {
    const output = await renderJob(message.job);
    parentPort?.postMessage({ id: message.id, output });
  } catch (err) {
    // A FhirError (a card too large for one code) goes back as one, so the caller answers as it would have.
    const error = err instanceof FhirError ? { code: err.code, message: err.message } : { code: 'internal' as const, message: (err as Error)?.message ?? 'render failed' };
    parentPort?.postMessage({ id: message.id, error });
  }
});
