/**
 * Who is asking. Built by auth/ from a session cookie or a bearer token, then passed to access/
 * decide() with every request. The sharing issue adds professionals, carers and system clients.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'person'; accountId: string; patientId: string }
  /** Whoever opened a SMART Health Link the person made: may read her record, nothing else. */
  | { kind: 'link'; linkId: string; patientId: string }
  /** The service itself (demo loader, start-up tasks): never built from a request. */
  | { kind: 'system'; purpose: string };
