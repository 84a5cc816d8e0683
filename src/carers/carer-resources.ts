import type { Bundle, Consent, RelatedPerson } from '@medplum/fhirtypes';
import { carerAccountSystem } from '../access/carer-identity.ts';
import { carerRole, isCarerConsent, proxyRole, rolesSystem } from '../access/carer-roles.ts';
import { shareConsent } from '../access/share-consent.ts';
import { recordTypes } from '../fhir/resource-types.ts';

export type CarerRights = 'view' | 'manage';

const consentActions = 'http://terminology.hl7.org/CodeSystem/consentaction';

/**
 * A carer arrangement as FHIR, in the cared-for person's record: a RelatedPerson naming the carer
 * (with her account id, which only the service writes) and a Consent letting that RelatedPerson
 * see — and, with "manage", change — the whole record. Pure.
 */
export function carerArrangement(args: {
  patientId: string;
  carerAccountId: string;
  carerName: { given: string; family: string } | undefined;
  carerEmail: string;
  rights: CarerRights;
  now: Date;
  /** Recorded when an admin sets up a proxy for someone who cannot manage her own account. */
  reason?: string;
  /** A legal proxy (set up by an admin): counts as the person, also over who may see the record. */
  proxy?: boolean;
}): Bundle {
  const relatedPerson: RelatedPerson = {
    resourceType: 'RelatedPerson',
    active: true,
    patient: { reference: `Patient/${args.patientId}` },
    identifier: [{ system: carerAccountSystem, value: args.carerAccountId }],
    relationship: [{ coding: [{ system: rolesSystem, code: 'carer', display: 'Unpaid carer' }] }],
    name: [args.carerName ? { given: [args.carerName.given], family: args.carerName.family } : { text: args.carerEmail }],
    telecom: [{ system: 'email', value: args.carerEmail }],
  };
  const consent: Consent = {
    ...shareConsent({
      patientId: args.patientId,
      grantee: 'urn:uuid:carer',
      granteeRole: { coding: args.proxy ? [carerRole, proxyRole] : [carerRole] },
      resourceTypes: recordTypes,
      // A carer arrangement lasts until either of them ends it; the profile asks for an end, so it is far off.
      start: args.now.toISOString().slice(0, 10),
      end: '9999-12-31',
      actions: args.rights === 'manage' ? ['access', 'correct'] : ['access'],
      now: args.now,
    }),
    ...(args.reason ? { sourceAttachment: { contentType: 'text/plain', title: 'Why a proxy was set up', data: Buffer.from(args.reason).toString('base64') } } : {}),
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: 'urn:uuid:carer', resource: relatedPerson, request: { method: 'POST', url: 'RelatedPerson' } },
      { resource: consent, request: { method: 'POST', url: 'Consent' } },
    ],
  };
}

/** Whether a Consent is a carer arrangement, and with which rights. */
export function carerRightsOf(consent: Consent): CarerRights | undefined {
  if (!isCarerConsent(consent)) return undefined;
  return consent.provision?.action?.some((a) => a.coding?.some((c) => c.system === consentActions && c.code === 'correct')) ? 'manage' : 'view';
}
