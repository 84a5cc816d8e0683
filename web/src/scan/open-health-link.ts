import { base64url, compactDecrypt } from 'jose';
import type { Bundle } from '@medplum/fhirtypes';

/** The SMART Health Link payload, as the specification defines it. */
export interface LinkPayload {
  url: string;
  key: string;
  exp?: number;
  flag?: string;
  label?: string;
}

export type LinkOpening =
  | { status: 'needs-passcode'; link: LinkPayload }
  | { status: 'wrong-passcode'; link: LinkPayload; remainingAttempts?: number }
  | { status: 'opened'; link: LinkPayload; documents: Bundle[] }
  | { status: 'unavailable'; reason: string };

export function decodeLink(text: string, now: Date): LinkPayload | { status: 'unavailable'; reason: string } {
  const encoded = /(?:^|#)shlink:\/([A-Za-z0-9_-]+)$/.exec(text.trim())?.[1];
  let link: LinkPayload;
  try {
    link = JSON.parse(new TextDecoder().decode(base64url.decode(encoded ?? ''))) as LinkPayload;
  } catch {
    return { status: 'unavailable', reason: 'The link in this code cannot be read.' };
  }
  if (typeof link.url !== 'string' || typeof link.key !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(link.key)) {
    return { status: 'unavailable', reason: 'The link in this code is missing its address or key.' };
  }
  if (typeof link.exp === 'number' && link.exp * 1000 <= now.getTime()) {
    return { status: 'unavailable', reason: 'This link has expired. Ask the person or their carer for a new one.' };
  }
  return link;
}

/**
 * Opens a link the way the specification says: the manifest is POSTed with who is opening it (and
 * the passcode for a P link); each file is fetched and decrypted here, in the browser, with the key
 * from the code. A U link is one encrypted file fetched directly.
 */
export async function openLink(link: LinkPayload, options: { recipient: string; passcode?: string; fetch: typeof fetch }): Promise<LinkOpening> {
  const flags = link.flag ?? '';
  if (flags.includes('P') && !options.passcode) return { status: 'needs-passcode', link };
  try {
    if (flags.includes('U')) {
      const response = await options.fetch(`${link.url}?recipient=${encodeURIComponent(options.recipient)}`);
      if (!response.ok) return unavailable(response.status);
      return { status: 'opened', link, documents: [await decrypt(await response.text(), link.key)] };
    }
    const response = await options.fetch(link.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient: options.recipient, ...(options.passcode ? { passcode: options.passcode } : {}) }),
    });
    if (response.status === 401) {
      const body = (await response.json().catch(() => ({}))) as { remainingAttempts?: number };
      return { status: 'wrong-passcode', link, ...(typeof body.remainingAttempts === 'number' ? { remainingAttempts: body.remainingAttempts } : {}) };
    }
    if (!response.ok) return unavailable(response.status);
    const manifest = (await response.json()) as { files?: { contentType?: string; embedded?: string; location?: string }[] };
    const documents: Bundle[] = [];
    for (const file of manifest.files ?? []) {
      if (file.contentType !== 'application/fhir+json') continue;
      const jwe = file.embedded ?? (file.location ? await (await options.fetch(file.location)).text() : undefined);
      if (jwe) documents.push(await decrypt(jwe, link.key));
    }
    return { status: 'opened', link, documents };
  } catch (err) {
    return { status: 'unavailable', reason: err instanceof LinkFileUnreadable ? err.message : 'The link could not be opened. Check the connection and try again.' };
  }
}

class LinkFileUnreadable extends Error {}

async function decrypt(jwe: string, key: string): Promise<Bundle> {
  try {
    const { plaintext } = await compactDecrypt(jwe.trim(), base64url.decode(key));
    return JSON.parse(new TextDecoder().decode(plaintext)) as Bundle;
  } catch {
    throw new LinkFileUnreadable('The summary behind the link cannot be opened with its key: it was changed, or the code is wrong.');
  }
}

function unavailable(status: number): LinkOpening {
  if (status === 404 || status === 410) return { status: 'unavailable', reason: 'This link no longer works: it has been revoked or has expired.' };
  if (status === 429) return { status: 'unavailable', reason: 'Too many wrong passcodes: the link is locked. Ask the person for a new one.' };
  return { status: 'unavailable', reason: 'The link could not be opened just now. Try again.' };
}
