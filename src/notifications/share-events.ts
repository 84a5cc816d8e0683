import type { Consent } from '@medplum/fhirtypes';
import { carerRightsOf } from '../carers/carer-resources.ts';
import { isEmergencyConsent } from '../access/emergency-access.ts';

/** Warn this long before a share ends. */
export const expiryWarningDays = 3;
/** Shares made within this long were just chosen, end date and all: no "about to end" for them. */
const justMadeHours = 24;
/** A "now shared" notice missed (the service stopped between the share and its notice) is given again within this time. */
export const createdNoticeRecoveryHours = 24;

/** The parts of a Consent a notice needs, when it is a share in force; undefined otherwise. Pure. */
export function shareFacts(consent: Consent): { id: string; patientId: string; grantee: string; carer?: 'view' | 'manage'; resourceTypes: string[]; end: string; madeAt?: string } | undefined {
  const patientId = /^Patient\/(.+)$/.exec(consent.patient?.reference ?? '')?.[1];
  const grantee = consent.provision?.actor?.[0]?.reference?.reference;
  const end = consent.provision?.period?.end;
  if (consent.status !== 'active' || !consent.id || !patientId || !grantee || !end || consent.provision?.type === 'deny') return undefined;
  // An emergency access is not a share she made: it has its own notice (notifier.ts).
  if (isEmergencyConsent(consent)) return undefined;
  const carer = carerRightsOf(consent);
  return {
    id: consent.id,
    patientId,
    grantee,
    ...(carer ? { carer } : {}),
    resourceTypes: (consent.provision?.class ?? []).map((c) => c.code).filter((c): c is string => typeof c === 'string'),
    end,
    ...(consent.dateTime ? { madeAt: consent.dateTime } : {}),
  };
}

/** The share ends within the warning time and was not just made. Date-only ends last to the end of that day (UTC). */
export function dueForExpiryWarning(share: { end: string; madeAt?: string; carer?: string }, now: Date): boolean {
  if (share.carer) return false;
  const end = Date.parse(share.end.length === 10 ? `${share.end}T23:59:59.999Z` : share.end);
  const left = end - now.getTime();
  if (!(left > 0 && left <= expiryWarningDays * 86_400_000)) return false;
  return !share.madeAt || now.getTime() - Date.parse(share.madeAt) >= justMadeHours * 3_600_000;
}

/** Keys that make each notice happen once: per share, and for an expiry per end date (an extended share is warned again). */
export const noticeKeys = {
  created: (consentId: string) => `share-created/Consent/${consentId}`,
  carerAdded: (consentId: string) => `carer-added/Consent/${consentId}`,
  firstUsed: (consentId: string) => `share-first-used/Consent/${consentId}`,
  expiring: (consentId: string, end: string) => `share-expiring/Consent/${consentId}/${end}`,
  emergency: (accessId: string) => `emergency-access/${accessId}`,
};
