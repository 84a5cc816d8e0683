/**
 * SMART Health Cards revocation lists (method "rid"). An entry `rid.timestamp` revokes the cards
 * with that rid whose nbf is before the timestamp: replacing a card retires every older one, and
 * the new one stays good. Pure.
 */
export interface RevocationList {
  kid: string;
  method: 'rid';
  ctr: number;
  rids: string[];
}

export function revocationList(kid: string, revocations: Array<{ rid: string; revokedAt: string }>): RevocationList {
  // Each rid once, with its latest timestamp: a later entry revokes everything an earlier one did.
  const latest = new Map<string, number>();
  for (const r of revocations) {
    const at = Math.floor(new Date(r.revokedAt).getTime() / 1000);
    latest.set(r.rid, Math.max(at, latest.get(r.rid) ?? at));
  }
  // ctr starts at 1 (a list exists, empty) and goes up with each revocation; JWKS crlVersion mirrors it.
  return { kid, method: 'rid', ctr: revocations.length + 1, rids: [...latest].map(([rid, at]) => `${rid}.${at}`) };
}

export function isRevoked(card: { rid?: string; nbf: number }, list: Pick<RevocationList, 'rids'>): boolean {
  if (!card.rid) return false;
  return list.rids.some((entry) => {
    const [rid, timestamp] = entry.split('.');
    if (rid !== card.rid) return false;
    return timestamp === undefined || card.nbf < Number(timestamp);
  });
}
