import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { smtpMailSender } from '../../src/notifications/mail-sender.ts';
import { createOutboxDispatcher, maxAttempts, nextAttemptAfter } from '../../src/notifications/outbox-dispatcher.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from './sharing-harness.ts';

/** A real SMTP server on a real port, that can be told to turn mail away for a while. */
async function startMailServer() {
  const received: ParsedMail[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refusing) return callback();
      const busy = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
      busy.responseCode = 451;
      callback(busy);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, state, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const until = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('emails go through an SMTP server, and wait in the outbox while it turns them away', () => {
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let svc: RunningService;
  beforeAll(async () => {
    mail = await startMailServer();
    svc = await startService('sqlite', { ...adminEnv, MAIL_TRANSPORT: 'smtp', SMTP_URL: mail.url, MAIL_FROM: 'Red Bag <no-reply@redbag.example.org>' });
  });
  afterAll(async () => {
    await svc.stop();
    await mail.stop();
  });

  it('a refused email is tried again later and then delivered; one refused every time is given up after the last attempt', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const outbox = svc.service.stores.accounts;

    mail.state.refusing = true;
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan']));
    // The share itself is answered at once; the portal already says so; the email waits.
    expect((await request(svc.url).get('/notifications').set(andrew.auth).expect(200)).body.notifications).toHaveLength(1);
    const waiting = await until(async () => (await outbox.listOutbox(andrew.email)).find((m) => m.attempts === 1));
    expect(waiting.sentAt).toBeUndefined();
    expect(Date.parse(waiting.nextAttemptAt) - Date.now()).toBeGreaterThan(50_000); // a minute later
    expect(mail.received).toHaveLength(0);

    mail.state.refusing = false;
    const logger = createLogger('silent');
    const sender = smtpMailSender({ url: mail.url, from: 'Red Bag <no-reply@redbag.example.org>' });
    const twoMinutesOn = createOutboxDispatcher({ outbox, sender, clock: () => new Date(Date.now() + 120_000), logger, intervalMs: 60_000 });
    expect(await twoMinutesOn.deliverDue()).toEqual({ sent: 1, failed: 0 });
    const delivered = mail.received.at(-1)!;
    expect(delivered.subject).toBe('Red Bag: your record is now shared');
    expect(delivered.from?.text).toBe('"Red Bag" <no-reply@redbag.example.org>');
    expect((Array.isArray(delivered.to) ? delivered.to[0] : delivered.to)?.text).toBe(andrew.email);
    expect(delivered.text).toMatch(/^Northgate Hospital discharge team can now see parts of your record, until /);
    expect((await outbox.listOutbox(andrew.email)).every((m) => m.sentAt)).toBe(true);
    expect(await twoMinutesOn.deliverDue()).toEqual({ sent: 0, failed: 0 }); // sent once only

    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    mail.state.refusing = true;
    await add(svc.url, rina, share(rina.patientId, `Organization/${hospital.organizationId}`, ['Appointment']));
    await until(async () => (await outbox.listOutbox(rina.email)).find((m) => m.attempts >= 1));
    const logLines: string[] = [];
    const capturing = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    for (let day = 1; day < maxAttempts; day += 1) {
      await createOutboxDispatcher({ outbox, sender, clock: () => new Date(Date.now() + day * 86_400_000), logger: capturing, intervalMs: 60_000 }).deliverDue();
    }
    // The log says which message failed and the server's code, never to whom or what it said.
    expect(logLines.filter((l) => l.includes('email not sent'))).toHaveLength(maxAttempts - 1);
    expect(logLines.some((l) => l.includes('"code":451'))).toBe(true);
    expect(logLines.join('\n')).not.toMatch(new RegExp(`${rina.email.split('@')[0]!}|Southfield|Northgate|shared`, 'i'));
    const [givenUp] = await outbox.listOutbox(rina.email);
    expect(givenUp).toMatchObject({ attempts: maxAttempts });
    expect(givenUp!.failedAt).toBeDefined();
    expect(givenUp!.sentAt).toBeUndefined();
    // Her portal notice is still there: an email that could not be sent loses nothing she can see.
    expect((await request(svc.url).get('/notifications').set(rina.auth).expect(200)).body.notifications).toHaveLength(1);
  });
});

describe('outbox timing and mail settings', () => {
  it('waits 1, 2, 4 … minutes between attempts, never more than six hours', () => {
    const now = new Date('2026-03-03T10:00:00Z');
    expect([1, 2, 3, 4, 12].map((n) => (nextAttemptAfter(n, now).getTime() - now.getTime()) / 60_000)).toEqual([1, 2, 4, 8, 360]);
  });

  it('asks for an SMTP address when mail goes by SMTP, writes files under DATA_DIR by default, and checks TRUST_PROXY', () => {
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ TRUST_PROXY: 'the proxy' })).toThrow(/TRUST_PROXY: is not understood/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    const config = loadConfig({ DATA_DIR: '/var/lib/redbag/', PUBLIC_URL: 'https://redbag.example.org' });
    expect(config.mail).toMatchObject({ transport: 'file', dir: '/var/lib/redbag/mail', from: 'Red Bag <no-reply@redbag.example.org>' });
  });
});
