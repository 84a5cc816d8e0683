import type { RelatedPerson } from '@medplum/fhirtypes';

/**
 * Who counts as "someone to call" (the home page's check, the start-here steps, a carer added as a contact):
 * only a contact with a phone number or an email address. A name alone cannot be called, so it never satisfies
 * the check — the one rule, kept here so every page asks it the same way (issue 14).
 */
export function canBeCalled(contact: RelatedPerson): boolean {
  return (contact.telecom ?? []).some((t) => (t.system === 'phone' || t.system === 'sms' || t.system === 'email') && Boolean(t.value?.trim()));
}

/** The contacts that count as someone to call. */
export function whoToCall(contacts: readonly RelatedPerson[]): RelatedPerson[] {
  return contacts.filter(canBeCalled);
}
