import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardIssuer } from '../../src/cards/card-issuer.ts';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { createIssuerKeys } from '../../src/cards/issuer-keys.ts';
import { isRevoked } from '../../src/cards/revocation.ts';
import type { Actor } from '../../src/access/actor.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';

describe('rotating the card-signing key', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  it('signs new cards with the new key while cards signed before still verify, and revocation reaches both', async () => {
    const person = await signUp(svc.url, 'Mike', 'Jones');
    const actor: Actor = { kind: 'person', accountId: 'test', patientId: person.patientId };
    const { accounts } = svc.service.stores;
    let now = new Date('2026-11-24T10:00:00Z');
    const keys = createIssuerKeys(accounts, svc.service.keyring, () => now);
    const cards = createCardIssuer({ record: svc.service.record, keys, accounts, publicUrl: svc.url, clock: () => now });

    const before = await cards.issue(actor, person.patientId);
    const oldKid = (await keys.current()).kid;
    const newKid = await keys.rotate(now);
    expect(newKid).not.toBe(oldKid);
    now = new Date('2026-11-24T10:01:00Z');
    const after = await cards.issue(actor, person.patientId);

    // A fresh reader of the store (another instance) publishes both keys.
    const published = await createIssuerKeys(accounts, svc.service.keyring).jwks();
    expect(published.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
    expect(published.keys.every((k) => k.d === undefined)).toBe(true);
    const oldCard = await verifyHealthCard(before.jws, published);
    const newCard = await verifyHealthCard(after.jws, published);
    expect(oldCard.kid).toBe(oldKid);
    expect(newCard.kid).toBe(newKid);

    now = new Date('2026-11-24T10:02:00Z');
    await cards.revokeAll(actor, person.patientId);
    expect(isRevoked(oldCard, (await cards.revocationList(oldKid))!)).toBe(true);
    expect(isRevoked(newCard, (await cards.revocationList(newKid))!)).toBe(true);
  });
});
