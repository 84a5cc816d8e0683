import type { Bundle } from '@medplum/fhirtypes';

/**
 * A scan is kept on the device only when the crew presses "Keep on this device" (for handover at
 * hospital, say), and can be forgotten with one press. Nothing else from a scan is stored.
 */
const key = 'redbag-kept-scan';

export interface KeptScan {
  keptAt: string;
  status: string;
  bundle: Bundle;
}

export const keptScan = (): KeptScan | undefined => {
  const raw = localStorage.getItem(key);
  return raw ? (JSON.parse(raw) as KeptScan) : undefined;
};
export const keepScan = (scan: KeptScan): void => localStorage.setItem(key, JSON.stringify(scan));
export const forgetScan = (): void => localStorage.removeItem(key);
