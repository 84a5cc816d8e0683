/**
 * Whose record a carer is looking after, kept on this device for her account (localStorage, keyed
 * by the signed-in account), so every tab and every later visit opens the same record, and a tab
 * hears at once when another tab switches (the `storage` event). Kept per account: someone else
 * signing in on the same computer starts with her own record.
 */
const prefix = 'redbag-record:';

export const choiceKey = (account: string): string => `${prefix}${account.toLowerCase()}`;

export function keptChoice(account: string | undefined): string | undefined {
  if (!account) return undefined;
  try {
    return localStorage.getItem(choiceKey(account)) ?? undefined;
  } catch {
    return undefined; // storage switched off: the choice then lasts as long as the page
  }
}

export function keepChoice(account: string, patientId: string): void {
  try {
    localStorage.setItem(choiceKey(account), patientId);
  } catch {
    // storage switched off: nothing to keep it in
  }
}

/** Calls back with the new choice whenever another tab changes it for this account. */
export function onChoiceElsewhere(account: string, changed: (patientId: string | undefined) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === choiceKey(account)) changed(event.newValue ?? undefined);
  };
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}

/**
 * The record the pages show: the one she chose if she still cares for that person, else her own.
 * Pure, so that an ended arrangement can never leave her writing into a record she no longer looks after.
 */
export function recordOnScreen(chosen: string | undefined, own: string | undefined, caringFor: { patient: string }[]): string | undefined {
  return chosen && caringFor.some((c) => c.patient === `Patient/${chosen}`) ? chosen : own;
}

/** Where to go back to after switching: only a path inside the portal, so a crafted link cannot send her elsewhere. */
export function safeBack(back: string | null): string {
  return back && /^\/(?!\/)[\w\-/?=&%.]*$/.test(back) && !back.startsWith('/whose-record') ? back : '/home';
}
