import type { Logger } from '../log.ts';
import type { AccountStore } from '../store/port.ts';
import { demoProfessionals } from './demo-professionals.ts';
import { demoPeople } from './people.ts';

/**
 * A database that was once started in demo mode holds accounts whose passwords are published (a
 * clinician who can break the glass among them). Where demo mode is not allowed (production, or a
 * public address), any such account still open is closed at start: it then answers like a wrong
 * password, and its sessions end. Returns how many were closed.
 */
export async function closeDemoAccounts(deps: { accounts: AccountStore; clock: () => Date; logger: Logger }): Promise<number> {
  const emails = [...demoPeople(deps.clock()).map((p) => p.email), ...demoProfessionals.map((p) => p.email)];
  let closed = 0;
  for (const email of emails) {
    const account = await deps.accounts.findAccountByEmail(email);
    if (!account || account.disabledAt) continue;
    await deps.accounts.disableAccount(account.id, deps.clock().toISOString());
    closed += 1;
  }
  if (closed > 0) deps.logger.warn({ closed }, 'demo accounts (published passwords) were found in this database and closed: demo mode is not allowed here');
  return closed;
}
