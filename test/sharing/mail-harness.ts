import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { RunningService } from '../support/service.ts';

export interface ReceivedEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
}

/** Every email the service has written (MAIL_TRANSPORT=file, the default), parsed as a mail program would. */
export async function emailsWritten(svc: RunningService): Promise<ReceivedEmail[]> {
  const dir = join(svc.dataDir, 'mail');
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    files.filter((f) => f.endsWith('.eml')).map(async (f) => {
      const mail = await simpleParser(await readFile(join(dir, f)));
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      return { to: to?.value[0]?.address ?? '', from: mail.from?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' };
    }),
  );
}

/** Waits (up to 10 s: delivery runs in the background) until each recipient has an email whose subject matches. */
export async function waitForEmails(svc: RunningService, recipients: readonly string[], subject: RegExp): Promise<ReceivedEmail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const matching = (await emailsWritten(svc)).filter((m) => subject.test(m.subject));
    const found = recipients.map((r) => matching.find((m) => m.to === r.toLowerCase()));
    if (found.every(Boolean)) return found as ReceivedEmail[];
    if (Date.now() > deadline) throw new Error(`No email matching ${subject} for ${recipients.filter((_, i) => !found[i]).join(', ')}; written: ${matching.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
