import { randomBytes } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { FhirError } from '../fhir/errors.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore, StoredHealthLink } from '../store/accounts/account-store.ts';
import { encodeHealthLink, encryptFile } from './health-link.ts';

/** Wrong passcodes allowed before a link locks for good (the person makes a new one). */
export const passcodeAttempts = 5;

export interface LinkView {
  id: string;
  label: string;
  expiresAt: string;
  hasPasscode: boolean;
  revoked: boolean;
  locked: boolean;
  accesses: Array<{ at: string; recipient: string; outcome: string }>;
}

export type ManifestAnswer =
  | { status: 200; body: { files: Array<{ contentType: string; embedded: string }> } }
  | { status: 401; body: { remainingAttempts: number } };

/**
 * SMART Health Links to the person's full summary. The content is rebuilt from her record at
 * every access (never a stale copy), encrypted with the link's own key; every access — let in or
 * not — is logged for her to read. A link opened with a passcode locks after five wrong ones.
 */
export function createHealthLinkService(deps: { accounts: AccountStore; record: HealthRecord; publicUrl: string; clock: () => Date }) {
  const { accounts, clock } = deps;
  // Who may make, see or stop links is decided in access/issuing.ts, through the record.
  const owned = (actor: Actor, patientId: string, what: 'health-link' | 'manage-links' = 'manage-links'): Promise<void> =>
    deps.record.requireIssuing(actor, patientId, what, what === 'health-link' ? 'health-links create' : 'health-links');
  const view = async (link: StoredHealthLink): Promise<LinkView> => ({
    id: link.id,
    label: link.label,
    expiresAt: link.expiresAt,
    hasPasscode: link.passcodeHash !== undefined,
    revoked: link.revokedAt !== undefined,
    locked: link.passcodeHash !== undefined && link.remainingAttempts === 0,
    accesses: await accounts.listLinkAccesses(link.id),
  });

  return {
    /** `direct`: a U-flag link whose url is the encrypted file itself (no manifest, so no passcode). */
    async create(actor: Actor, patientId: string, options: { label: string; expiresAt: Date; passcode?: string; direct?: boolean }): Promise<{ id: string; shlink: string }> {
      await owned(actor, patientId, 'health-link');
      if (options.expiresAt <= clock()) throw new FhirError('invalid', 'Choose an expiry date in the future.');
      if (options.direct && options.passcode) throw new FhirError('invalid', 'A direct link cannot have a passcode: choose one or the other.');
      const id = randomBytes(32).toString('base64url');
      const key = randomBytes(32).toString('base64url');
      await accounts.createHealthLink({
        id,
        patientId,
        label: options.label,
        key,
        passcodeHash: options.passcode ? await hashPassword(options.passcode) : undefined,
        expiresAt: options.expiresAt.toISOString(),
        remainingAttempts: passcodeAttempts,
        createdAt: clock().toISOString(),
      });
      const shlink = encodeHealthLink({ url: `${deps.publicUrl}/shl/${id}`, key, exp: Math.floor(options.expiresAt.getTime() / 1000), flag: options.direct ? 'U' : options.passcode ? 'LP' : 'L', label: options.label, v: 1 });
      return { id, shlink };
    },

    async list(actor: Actor, patientId: string): Promise<LinkView[]> {
      await owned(actor, patientId);
      return Promise.all((await accounts.listHealthLinks(patientId)).map(view));
    },

    async revoke(actor: Actor, patientId: string, linkId: string): Promise<void> {
      await owned(actor, patientId);
      const link = await accounts.findHealthLink(linkId);
      if (!link || link.patientId !== patientId) throw new FhirError('not-found', 'There is no such link.');
      await accounts.revokeHealthLink(linkId, clock().toISOString());
    },

    /** The U-flag request: GET the link's url with ?recipient=…, answered with the encrypted file itself. */
    async directFile(linkId: string, recipient: string): Promise<string> {
      const answer = await this.manifest(linkId, { recipient });
      if (answer.status !== 200) throw new FhirError('not-found', 'This link is no longer active. Ask the person for a new one.');
      return answer.body.files[0]!.embedded;
    },

    /** The manifest request: POST {recipient, passcode} to the link's url. */
    async manifest(linkId: string, request: { recipient: string; passcode?: string }): Promise<ManifestAnswer> {
      const now = clock();
      const link = await accounts.findHealthLink(linkId);
      const log = (outcome: string) => accounts.recordLinkAccess({ linkId, at: now.toISOString(), recipient: request.recipient.slice(0, 200), outcome });
      // Revoked, expired, locked and unknown links all answer the same: nothing is here.
      const gone = !link || link.revokedAt !== undefined || new Date(link.expiresAt) <= now || (link.passcodeHash !== undefined && link.remainingAttempts === 0);
      if (gone) {
        if (link) await log('refused: link no longer active');
        throw new FhirError('not-found', 'This link is no longer active. Ask the person for a new one.');
      }
      if (link.passcodeHash !== undefined && !(request.passcode && (await verifyPassword(request.passcode, link.passcodeHash)))) {
        const remainingAttempts = await accounts.spendPasscodeAttempt(linkId);
        await log('refused: wrong passcode');
        return { status: 401, body: { remainingAttempts } };
      }
      const summary = await deps.record.summary({ kind: 'link', linkId, patientId: link.patientId }, link.patientId, `${deps.publicUrl}/fhir`);
      const embedded = await encryptFile(JSON.stringify(summary), link.key, 'application/fhir+json');
      await log('opened');
      return { status: 200, body: { files: [{ contentType: 'application/fhir+json', embedded }] } };
    },
  };
}

export type HealthLinkService = ReturnType<typeof createHealthLinkService>;
