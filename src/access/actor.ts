/**
 * Who is asking. Built by auth/ from a session cookie or a bearer token (or by the SMART Backend
 * Services token endpoint for a hospital system), then passed to access/decide() with every request.
 */
export type Actor =
  | { kind: 'anonymous' }
  /** Someone with her own record. She may also act for others who made her their carer (decided from grants, not here). */
  | {
      kind: 'person';
      accountId: string;
      patientId: string;
      /**
       * The records her account is linked to as a carer, when read with her session. Only where to
       * look: what she may see there is still decided from the shares in force.
       */
      caresFor?: readonly string[];
    }
  /** A professional account: works in one organisation with one role; sees only what people share with her or her organisation. */
  | { kind: 'professional'; accountId: string; practitionerRoleId: string; practitionerId: string; organizationId: string; role: ProfessionalRole }
  /** A hospital system pulling by SMART Backend Services; limited by its scopes and by what people share with its organisation. */
  | { kind: 'client'; clientId: string; organizationId: string; scopes: string[] }
  /** Runs the service's directory: organisations, professionals, clients, proxies. Reads no one's record. */
  | { kind: 'admin'; accountId: string }
  /** Whoever opened a SMART Health Link the person made: may read her record, nothing else. */
  | { kind: 'link'; linkId: string; patientId: string }
  /** The service itself (demo loader, start-up tasks): never built from a request. */
  | { kind: 'system'; purpose: string };

export const professionalRoles = ['discharge-coordinator', 'home-care-worker', 'coordinator', 'clinician'] as const;
export type ProfessionalRole = (typeof professionalRoles)[number];
