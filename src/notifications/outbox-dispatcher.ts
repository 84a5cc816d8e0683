import type { Logger } from '../log.ts';
import type { NotificationStore } from '../store/accounts/notification-sql.ts';
import type { MailSender } from './mail-sender.ts';

/** After this many failed attempts a message is given up (and logged); the portal notification remains. */
export const maxAttempts = 10;
const claimSeconds = 120;
const batchSize = 20;

/** Waits 1, 2, 4 … minutes between attempts, at most 6 hours. Pure. */
export function nextAttemptAfter(failedAttempts: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(2 ** Math.max(failedAttempts - 1, 0), 360) * 60_000);
}

/**
 * Sends what the outbox holds through the configured sender, a few at a time. A message is claimed
 * before it is sent, so instances sharing one database do not send it twice; a sender that fails is
 * tried again later. Runs on a timer and whenever a notice has just been queued.
 */
export function createOutboxDispatcher(deps: {
  outbox: NotificationStore;
  sender: MailSender;
  clock: () => Date;
  logger: Logger;
  intervalMs: number;
  /** Told how each delivery round went (for /metrics). */
  onRound?: (round: { sent: number; failed: number } | 'failed') => void;
}) {
  const { outbox, sender, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let again = false;
  let stopped = false;

  const deliverDue = async (): Promise<{ sent: number; failed: number }> => {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const now = deps.clock();
      const due = await outbox.claimDueMessages(now.toISOString(), new Date(now.getTime() + claimSeconds * 1000).toISOString(), batchSize);
      for (const message of due) {
        try {
          await sender.send({ id: message.id, to: message.recipient, subject: message.subject, text: message.body });
          await outbox.markMessageSent(message.id, deps.clock().toISOString());
          sent += 1;
        } catch (err) {
          failed += 1;
          const attempts = message.attempts + 1;
          const at = deps.clock();
          await outbox.markMessageAttemptFailed(message.id, attempts >= maxAttempts ? { failedAt: at.toISOString() } : { nextAttemptAt: nextAttemptAfter(attempts, at).toISOString() });
          // The message id and the server's code only: never the address or the words (a mail server's error text often repeats the address).
          const failure = err as { responseCode?: number; code?: string };
          logger.warn({ messageId: message.id, attempts, gaveUp: attempts >= maxAttempts, code: failure.responseCode ?? failure.code ?? 'unknown' }, 'email not sent');
        }
      }
      if (due.length < batchSize) return { sent, failed };
    }
  };

  /** One delivery round at a time; a request for another while one runs makes one more afterwards. */
  const runOnce = (): Promise<{ sent: number; failed: number }> => {
    if (stopped) return Promise.resolve({ sent: 0, failed: 0 });
    if (running) {
      again = true;
      return running;
    }
    running = deliverDue()
      .then((round) => {
        deps.onRound?.(round);
        return round;
      })
      .catch((err: unknown) => {
        logger.warn({ error: (err as Error).message }, 'outbox delivery round failed');
        deps.onRound?.('failed');
        return { sent: 0, failed: 0 };
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void runOnce();
        }
      });
    return running;
  };

  return {
    /** Sends everything due now; resolves when this round is over. */
    deliverDue: runOnce,
    /** A notice was just queued: deliver soon, without holding up the request. */
    kick(): void {
      setImmediate(() => void runOnce());
    },
    start(): void {
      logger.info({ mail: sender.description }, 'outbox delivery started');
      timer = setInterval(() => void runOnce(), deps.intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
