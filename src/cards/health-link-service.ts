import { randomBytes } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { FhirError } from '../fhir/errors.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore, StoredHealthLink } from '../store/port.ts';
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

/** One file of a manifest: embedded, or by a one-time `location` when the viewer asked for less. */
export type ManifestFile = { contentType: 'application/fhir+json'; fhirVersion: '4.0.1'; lastUpdated: string } & ({ embedded: string } | { location: string });

export type ManifestAnswer =
  | { status: 200; body: { files: ManifestFile[] } }
  | { status: 401; body: { remainingAttempts: number } };

/** A `location` URL lives at most an hour (the specification's limit), and serves one GET. */
const locationSeconds = 3600;

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

    /** Her links as stored, keys included, oldest first (no one's openings read): for making the printout's. */
    async stored(actor: Actor, patientId: string): Promise<StoredHealthLink[]> {
      await owned(actor, patientId);
      return accounts.listHealthLinks(patientId);
    },

    async revoke(actor: Actor, patientId: string, linkId: string): Promise<void> {
      await owned(actor, patientId);
      const link = await accounts.findHealthLink(linkId);
      if (!link || link.patientId !== patientId) throw new FhirError('not-found', 'There is no such link.');
      await accounts.revokeHealthLink(linkId, clock().toISOString());
    },

    /**
     * The U-flag request: GET the link's url with ?recipient=…, answered with the encrypted file
     * itself. A passcode link cannot be opened this way (the specification never combines U and
     * P): it answers 401 with the attempts left, and spends none, as a GET carries no passcode.
     */
    async directFile(linkId: string, recipient: string): Promise<{ status: 200; jwe: string } | { status: 401; body: { remainingAttempts: number } }> {
      const answer = await this.manifest(linkId, { recipient });
      if (answer.status === 401) return answer;
      // Asked without embeddedLengthMax, the manifest always embeds its one file.
      const file = answer.body.files[0];
      if (!file || !('embedded' in file)) throw new FhirError('internal', 'The link’s file could not be made.');
      return { status: 200, jwe: file.embedded };
    },

    /** A `location` from a manifest: one GET within the hour, while the link is still active. */
    async locationFile(fileId: string): Promise<string> {
      const now = clock();
      const file = await accounts.takeLinkFile(fileId, now.toISOString());
      const link = file ? await accounts.findHealthLink(file.linkId) : undefined;
      if (!file || !link || link.revokedAt !== undefined || new Date(link.expiresAt) <= now) {
        throw new FhirError('not-found', 'This file is no longer available: ask the link for a fresh one.');
      }
      return file.jwe;
    },

    /** The manifest request: POST {recipient, passcode, embeddedLengthMax} to the link's url. */
    async manifest(linkId: string, request: { recipient: string; passcode?: string; embeddedLengthMax?: number }): Promise<ManifestAnswer> {
      const now = clock();
      const link = await accounts.findHealthLink(linkId);
      const log = (outcome: string) => accounts.recordLinkAccess({ linkId, at: now.toISOString(), recipient: request.recipient.slice(0, 200), outcome });
      const inactive = async (why: string): Promise<never> => {
        if (link) await log(why);
        throw new FhirError('not-found', 'This link is no longer active. Ask the person for a new one.');
      };
      // Revoked, expired, locked and unknown links all answer the same: nothing is here.
      if (!link || link.revokedAt !== undefined || new Date(link.expiresAt) <= now) return inactive('refused: link no longer active');
      if (link.passcodeHash !== undefined) {
        // No passcode at all is not a guess: it is told what is needed, and spends nothing.
        if (request.passcode === undefined) {
          if (link.remainingAttempts === 0) return inactive('refused: link locked');
          await log('refused: no passcode given');
          return { status: 401, body: { remainingAttempts: link.remainingAttempts } };
        }
        // The attempt is taken before the passcode is checked, atomically: parallel guesses get no extra tries.
        const left = await accounts.takePasscodeAttempt(linkId);
        if (left === undefined) return inactive('refused: link locked');
        if (!(await verifyPassword(request.passcode, link.passcodeHash))) {
          await log('refused: wrong passcode');
          return { status: 401, body: { remainingAttempts: left } };
        }
        await accounts.returnPasscodeAttempt(linkId);
      }
      const summary = await deps.record.summary({ kind: 'link', linkId, patientId: link.patientId }, link.patientId, `${deps.publicUrl}/fhir`);
      const jwe = await encryptFile(JSON.stringify(summary), link.key, 'application/fhir+json');
      await log('opened');
      const described = { contentType: 'application/fhir+json', fhirVersion: '4.0.1', lastUpdated: now.toISOString() } as const;
      if (request.embeddedLengthMax === undefined || jwe.length <= request.embeddedLengthMax) return { status: 200, body: { files: [{ ...described, embedded: jwe }] } };
      const fileId = randomBytes(32).toString('base64url');
      await accounts.addLinkFile({ id: fileId, linkId, jwe, expiresAt: new Date(now.getTime() + locationSeconds * 1000).toISOString() }, now.toISOString());
      return { status: 200, body: { files: [{ ...described, location: `${deps.publicUrl}/shl/file/${fileId}` }] } };
    },
  };
}

export type HealthLinkService = ReturnType<typeof createHealthLinkService>;
