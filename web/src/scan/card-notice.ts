import type { Flag } from '@medplum/fhirtypes';
import { readPayload } from './verify-card.ts';

/**
 * What her own card says it leaves out, for her Red Bag page: the sentence of the card's notice
 * ("Not on this card: medicines, contacts. …"), or undefined when the card lists everything. Reads
 * a card the service has just issued to her, so the signature is not checked here.
 */
export async function noticeOfCard(jws: string): Promise<string | undefined> {
  const { bundle } = await readPayload(jws);
  const notice = (bundle.entry ?? []).map((e) => e.resource).find((r): r is Flag => r?.resourceType === 'Flag');
  return notice?.code?.text;
}
