import type { Actor } from './actor.ts';
import type { Decision } from './decide.ts';

/**
 * Running the service's directory — organisations, professionals, hospital systems — and setting up
 * a legal proxy is for administrators only; administrators in turn read no one's record (decide()).
 * `signedIn` tells a 401 from a 403. Pure.
 */
export function decideAdministration(actor: Actor): Decision & { signedIn: boolean } {
  if (actor.kind === 'anonymous') return { permit: false, signedIn: false, reason: 'not signed in' };
  if (actor.kind !== 'admin') return { permit: false, signedIn: true, reason: 'only administrators run the directory', explanation: 'Only a Red Bag administrator can do this.' };
  return { permit: true, signedIn: true, reason: 'an administrator runs the directory' };
}
