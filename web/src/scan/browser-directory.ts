import { createIssuerDirectory, type IssuerDirectory, type TrustedIssuer } from './issuer-directory.ts';

const trustListKey = 'redbag-scan-trust-list';

/**
 * The issuers this scanner trusts: the list the service publishes at /scan/trust-list.json (kept
 * for offline use), and always the service the page came from.
 */
export async function loadTrustList(): Promise<TrustedIssuer[]> {
  const own: TrustedIssuer = { iss: location.origin, name: 'Red Bag' };
  let list: TrustedIssuer[] = JSON.parse(localStorage.getItem(trustListKey) ?? '[]') as TrustedIssuer[];
  if (navigator.onLine) {
    try {
      const response = await fetch('/scan/trust-list.json', { signal: AbortSignal.timeout(5000) });
      if (response.ok) {
        list = ((await response.json()) as { issuers: TrustedIssuer[] }).issuers;
        localStorage.setItem(trustListKey, JSON.stringify(list));
      }
    } catch {
      // offline or slow: use the list kept from last time
    }
  }
  return list.some((t) => t.iss === own.iss) ? list : [own, ...list];
}

export function browserDirectory(trustList: TrustedIssuer[]): IssuerDirectory {
  return createIssuerDirectory({ trustList, storage: localStorage, fetch: (...args) => fetch(...args), online: () => navigator.onLine, now: () => new Date() });
}
