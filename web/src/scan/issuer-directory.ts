import type { JWK } from 'jose';
import { isRevoked, type RevocationList } from '../../../src/cards/revocation.ts';

/** An issuer whose cards this scanner accepts, with the name a crew is shown. */
export interface TrustedIssuer {
  iss: string;
  name: string;
}

/** Where keys and revocation lists are kept between visits: localStorage in the browser. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface IssuerDirectory {
  trusted(iss: string): TrustedIssuer | undefined;
  /** The issuer's public key with this kid: from what was kept, or fetched when online and not kept yet. */
  key(iss: string, kid: string): Promise<JWK | undefined>;
  /** Whether the card is on the issuer's revocation list (fetched fresh when online, else the list kept). */
  isRevoked(iss: string, kid: string, rid: string, nbf: number): Promise<boolean>;
  online(): boolean;
  /**
   * Asked of the issuer when online: whether a newer card of this person, with other contents,
   * has been made since (superseded, not revoked). Undefined when it could not be asked (offline,
   * no answer, or an issuer that does not say), so the crew is not told "current" unchecked.
   */
  cardStatus(iss: string, rid: string, nbf: number): Promise<CardStatus | undefined>;
  /** Fetches every trusted issuer's keys and revocation lists, so the scanner works offline afterwards. */
  refresh(): Promise<{ refreshed: number; failed: number }>;
  /** When the keys were last fetched, if ever. */
  lastRefreshed(): string | undefined;
}

/** What the issuer says about one card (GET {iss}/shc/card-status/{rid}?nbf=…). */
export type CardStatus = { status: 'current' } | { status: 'superseded'; newerSince: string; reason: 'newer-card' | 'record-changed' };

interface Kept {
  keys: (JWK & { kid?: string; crlVersion?: number })[];
  crls: Record<string, RevocationList>;
  fetchedAt: string;
}

/**
 * The issuers a scanner trusts, their keys and revocation lists. Only public keys and lists are
 * kept on the device, never anything from a scanned card.
 */
export function createIssuerDirectory(deps: {
  trustList: readonly TrustedIssuer[];
  storage: KeyValueStorage;
  fetch: typeof fetch;
  online: () => boolean;
  now: () => Date;
}): IssuerDirectory {
  const storageKey = (iss: string): string => `redbag-scan-issuer:${iss}`;
  const kept = (iss: string): Kept | undefined => {
    const raw = deps.storage.getItem(storageKey(iss));
    return raw ? (JSON.parse(raw) as Kept) : undefined;
  };
  const keep = (iss: string, value: Kept): void => deps.storage.setItem(storageKey(iss), JSON.stringify(value));

  const fetchJson = async <T>(url: string): Promise<T> => {
    const response = await deps.fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(8000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as T;
  };

  const refreshIssuer = async (iss: string): Promise<Kept> => {
    const jwks = await fetchJson<{ keys: Kept['keys'] }>(`${iss}/.well-known/jwks.json`);
    const crls: Kept['crls'] = {};
    for (const key of jwks.keys) {
      if (key.kid && key.crlVersion !== undefined) crls[key.kid] = await fetchJson<RevocationList>(`${iss}/.well-known/crl/${key.kid}.json`);
    }
    const value = { keys: jwks.keys, crls, fetchedAt: deps.now().toISOString() };
    keep(iss, value);
    return value;
  };

  const trusted = (iss: string): TrustedIssuer | undefined => deps.trustList.find((t) => t.iss === iss);

  return {
    trusted,
    online: deps.online,
    async key(iss, kid) {
      let value = kept(iss);
      const find = (): JWK | undefined => value?.keys.find((k) => k.kid === kid);
      if (!find() && deps.online() && trusted(iss)) value = await refreshIssuer(iss).catch(() => value);
      return find();
    },
    async isRevoked(iss, kid, rid, nbf) {
      let value = kept(iss);
      if (deps.online()) value = await refreshIssuer(iss).catch(() => value);
      const list = value?.crls[kid];
      return list ? isRevoked({ rid, nbf }, list) : false;
    },
    async cardStatus(iss, rid, nbf) {
      if (!deps.online() || !trusted(iss)) return undefined;
      try {
        const answer = await fetchJson<{ status?: string; newerSince?: string; reason?: string }>(`${iss}/shc/card-status/${encodeURIComponent(rid)}?nbf=${nbf}`);
        if (answer.status === 'current') return { status: 'current' };
        if (answer.status === 'superseded' && typeof answer.newerSince === 'string') {
          return { status: 'superseded', newerSince: answer.newerSince, reason: answer.reason === 'newer-card' ? 'newer-card' : 'record-changed' };
        }
        return undefined;
      } catch {
        return undefined;
      }
    },
    async refresh() {
      let refreshed = 0;
      let failed = 0;
      for (const issuer of deps.trustList) {
        try {
          await refreshIssuer(issuer.iss);
          refreshed++;
        } catch {
          failed++;
        }
      }
      return { refreshed, failed };
    },
    lastRefreshed() {
      const times = deps.trustList.map((t) => kept(t.iss)?.fetchedAt).filter((t): t is string => t !== undefined).sort();
      return times.at(-1);
    },
  };
}
