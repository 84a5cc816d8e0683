import type { Consent, ConsentProvision, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { resourceTypesSystem } from './data-classes.ts';
import { isKnownSecurityLabel } from './sensitivity.ts';
import { shareMoment } from './share-dates.ts';
import { isEmergencyConsent } from './emergency-access.ts';
import { recordTypes } from '../fhir/resource-types.ts';

/**
 * What a share (a FHIR Consent) may say: only what decide() enforces. Anything else — a `deny`
 * nested inside a permit, `provision.data`, a purpose, codes, a data period, modifier extensions —
 * would be stored and ignored, and so share more than the person wrote. Such a Consent is refused
 * (422), naming the element; so is a date that cannot be read, or a period that ends before it
 * starts. A Consent that is ending (inactive, rejected, entered in error) grants nothing and is
 * never refused, so a person can always stop a share. Pure.
 */
export function consentProblems(consent: Consent): OperationOutcomeIssue[] {
  if (consent.status === 'inactive' || consent.status === 'rejected' || consent.status === 'entered-in-error') return [];
  const problems: OperationOutcomeIssue[] = [];
  const refuse = (expression: string, text: string): void => {
    problems.push({ severity: 'error', code: 'not-supported', expression: [expression], details: { text } });
  };
  if (consent.implicitRules) refuse('Consent.implicitRules', 'A share cannot point to other rules: Red Bag only follows what the share itself says.');
  if (consent.modifierExtension?.length) refuse('Consent.modifierExtension', 'A share cannot carry extensions that change its meaning: Red Bag would not follow them.');
  if (consent.dateTime !== undefined && shareMoment(consent.dateTime, 'start') === undefined) {
    refuse('Consent.dateTime', `${consent.dateTime} is not a date and time Red Bag can read. Use a real date and time, for example 2026-12-24T12:00:00Z.`);
  }
  // An emergency access's purpose (BTG) is followed: decide() reads it (emergency-access.ts), and only the service writes one.
  if (consent.provision) provisionProblems(consent.provision, refuse, isEmergencyConsent(consent));
  return problems;
}

/** Plain words for "this part is not enforced", by element of provision. */
const notFollowed: Record<string, string> = {
  provision: 'A share cannot hold rules inside it (a nested provision, such as a deny inside a permit): Red Bag would not follow them. Make the share itself say exactly what is shared.',
  data: 'A share cannot name single entries (provision.data): Red Bag shares whole kinds of entries. Choose what is shared with provision.class.',
  purpose: 'A share cannot be limited to a purpose: Red Bag cannot check why someone looks. Leave provision.purpose out.',
  code: 'A share cannot be limited by codes (provision.code): Red Bag would not follow that. Choose what is shared with provision.class.',
  dataPeriod: 'A share cannot be limited to entries from a period (provision.dataPeriod): Red Bag would not follow that.',
  modifierExtension: 'A share cannot carry extensions that change its meaning: Red Bag would not follow them.',
};

const followedActions = new Set(['access', 'use', 'collect', 'correct']);
const consentActions = 'http://terminology.hl7.org/CodeSystem/consentaction';
const granteeTypes = /^(Organization|PractitionerRole|Practitioner|RelatedPerson)\/[^/]+$/;

function provisionProblems(provision: ConsentProvision, refuse: (expression: string, text: string) => void, emergency = false): void {
  for (const [element, text] of Object.entries(notFollowed)) {
    if (emergency && element === 'purpose') continue;
    const value = (provision as Record<string, unknown>)[element];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) refuse(`Consent.provision.${element}`, text);
  }
  if (provision.type === 'deny') {
    refuse('Consent.provision.type', 'A share that denies is not supported: nothing is shared unless a share permits it. To stop sharing, end the share.');
  }
  periodProblems(provision, refuse);
  (provision.actor ?? []).forEach((actor, i) => {
    if (!granteeTypes.test(actor.reference?.reference ?? '')) {
      refuse(`Consent.provision.actor[${i}].reference`, 'Share with an organisation, a professional or a carer: give a reference to an Organization, PractitionerRole, Practitioner or RelatedPerson.');
    }
  });
  (provision.action ?? []).forEach((action, i) => {
    const understood = (action.coding ?? []).some((c) => c.system === consentActions && followedActions.has(c.code ?? ''));
    if (!understood) refuse(`Consent.provision.action[${i}]`, 'Red Bag understands these actions only: access, use (to read), collect (to add notes) and correct (to manage), from http://terminology.hl7.org/CodeSystem/consentaction.');
  });
  (provision.class ?? []).forEach((c, i) => {
    if (c.system !== resourceTypesSystem || !(recordTypes as readonly string[]).includes(c.code ?? '')) {
      refuse(`Consent.provision.class[${i}]`, `Say what is shared as a kind of entry Red Bag keeps (system ${resourceTypesSystem}), for example CarePlan.`);
    }
  });
  (provision.securityLabel ?? []).forEach((label, i) => {
    if (!isKnownSecurityLabel(label)) {
      refuse(`Consent.provision.securityLabel[${i}]`, 'Red Bag includes sensitive items by these labels only: PSY, ETH, SEX (v3-ActCode) and R (v3-Confidentiality).');
    }
  });
}

function periodProblems(provision: ConsentProvision, refuse: (expression: string, text: string) => void): void {
  const { start, end } = provision.period ?? {};
  const from = start === undefined ? undefined : shareMoment(start, 'start');
  const until = end === undefined ? undefined : shareMoment(end, 'end');
  const unreadable = (value: string) => `${value} is not a date Red Bag can read. Use a full date (2026-12-24) or a date and time with its zone (2026-12-24T12:00:00Z).`;
  if (start !== undefined && from === undefined) refuse('Consent.provision.period.start', unreadable(start));
  if (end !== undefined && until === undefined) refuse('Consent.provision.period.end', unreadable(end));
  if (from !== undefined && until !== undefined && until < from) {
    refuse('Consent.provision.period.end', 'The share ends before it starts. Choose an end after the start.');
  }
}
