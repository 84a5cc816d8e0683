import type { Logger } from '../log.ts';
import type { NotificationRepository, OutboxMessage } from '../store/port.ts';
import { outsideUnits } from '../store/unit-of-work.ts';
import type { MailSender } from './mail-sender.ts';

/** After this many failed attempts a message is given up (and logged); the portal notification remains. */
export const maxAttempts = 10;

/** Waits 1, 2, 4 … minutes between attempts, at most 6 hours. Pure. */
export function nextAttemptAfter(failedAttempts: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(2 ** Math.max(failedAttempts - 1, 0), 360) * 60_000);
}

/**
 * Sends what the outbox holds through the configured sender, one message at a time. A message is
 * claimed just before it is sent, and the claim is renewed while a slow mail server is still taking
 * it, so instances sharing one database never both send it; if this instance dies mid-send, the
 * claim runs out and another sends it (at least once, never twice while the sender lives). A sender
 * that fails is tried again later. Runs on a timer and whenever a notice has just been queued.
 */
export function createOutboxDispatcher(deps: {
  outbox: NotificationRepository;
  sender: MailSender;
  clock: () => Date;
  logger: Logger;
  intervalMs: number;
  /** How long a claim holds before it must be renewed (default 120 s). */
  claimSeconds?: number;
  /** Told how each delivery round went (for /metrics). */
  onRound?: (round: { sent: number; failed: number } | 'failed') => void;
}) {
  const { outbox, sender, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let again = false;
  let stopped = false;

  const claimMs = (deps.claimSeconds ?? 120) * 1000;
  const claimUntil = (): string => new Date(deps.clock().getTime() + claimMs).toISOString();

  /** Sends one claimed message, renewing the claim every third of its length until the sender answers. */
  const sendHoldingClaim = async (message: OutboxMessage): Promise<void> => {
    const renew = setInterval(() => {
      outbox.extendClaim(message.id, claimUntil()).catch(() => undefined);
    }, claimMs / 3);
    try {
      await sender.send({ id: message.id, to: message.recipient, subject: message.subject, text: message.body });
    } finally {
      clearInterval(renew);
    }
  };

  const deliverDue = async (): Promise<{ sent: number; failed: number }> => {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = await outbox.claimDueMessages(deps.clock().toISOString(), claimUntil(), 1);
      if (due.length === 0) return { sent, failed };
      for (const message of due) {
        try {
          await sendHoldingClaim(message);
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
      // Often kicked from inside a unit of work (a notice queued with a change): the round must not
      // run in that transaction, which may yet roll back, so it starts outside it.
      outsideUnits(() => setImmediate(() => void runOnce()));
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
