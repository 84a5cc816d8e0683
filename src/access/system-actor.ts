import type { Actor } from './actor.ts';

/** The service acting for itself (sign-up, demo data). Never built from anything a request carries. */
export function systemActor(purpose: string): Actor {
  return { kind: 'system', purpose };
}
