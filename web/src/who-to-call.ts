import type { RelatedPerson } from '@medplum/fhirtypes';
import { carerAccountSystem } from '../../src/access/carer-identity.ts';

const reachable = (systems: string[], contact: RelatedPerson): boolean =>
  (contact.telecom ?? []).some((t) => systems.includes(t.system ?? '') && Boolean(t.value?.trim()) && (!t.period?.end || Date.parse(t.period.end) > Date.now()));

/**
 * Whether a contact counts as "someone to call": she is current and has a phone number or an email
 * address to reach her by. A name alone does not (a crew cannot call it). A carer who looks after the
 * record through her own account was given no number by anyone: her account's email address was
 * copied in when she accepted, which says nothing about how to reach her in an emergency, so she
 * counts only once someone has recorded a phone number for her. Pure.
 */
export function canBeCalled(contact: RelatedPerson): boolean {
  if (contact.active === false) return false;
  const viaAccount = contact.identifier?.some((i) => i.system === carerAccountSystem) ?? false;
  return reachable(viaAccount ? ['phone', 'sms'] : ['phone', 'sms', 'email'], contact);
}

/** The contacts that count as someone to call. */
export function whoToCall(contacts: readonly RelatedPerson[]): RelatedPerson[] {
  return contacts.filter(canBeCalled);
}
