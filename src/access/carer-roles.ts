import type { Coding, Consent } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';

/**
 * The roles a carer arrangement names in provision.actor.role. A carer acts for the person with
 * the rights the person chose. A legal proxy (set up by an administrator, with the reason kept,
 * for someone who cannot manage her own account) also counts as the person when it comes to who
 * may see the record. Only the service writes the proxy role, so nobody can make herself one.
 */
export const rolesSystem = `${canonicalBase}/CodeSystem/redbag-roles`;
export const carerRole: Coding = { system: rolesSystem, code: 'carer', display: 'Unpaid carer' };
export const proxyRole: Coding = { system: rolesSystem, code: 'legal-proxy', display: 'Legal proxy' };

const names = (consent: Consent, role: Coding): boolean =>
  (consent.provision?.actor ?? []).some((a) => a.role?.coding?.some((c) => c.system === role.system && c.code === role.code));

/** A Consent that makes someone a carer (a proxy is a carer too). */
export function isCarerConsent(consent: Consent): boolean {
  return names(consent, carerRole);
}

/** A Consent that makes someone the person's legal proxy. */
export function isProxyConsent(consent: Consent): boolean {
  return names(consent, proxyRole);
}
