import { api } from './api/client.ts';

/**
 * An invitation to be a carer that arrived as a link (/carers/accept?code=…) while she was signed
 * out: the code is kept in this tab until she has signed in or created her account, then accepted
 * for her, so following the link is all she has to do. Kept in the tab only (sessionStorage): it is
 * a secret, and should not outlive the visit on a shared computer.
 */
const pendingKey = 'redbag-pending-invitation';
const flashKey = 'redbag-flash';

export function rememberInvitation(code: string): void {
  sessionStorage.setItem(pendingKey, code);
}

export function pendingInvitation(): string | undefined {
  return sessionStorage.getItem(pendingKey) ?? undefined;
}

export function forgetInvitation(): void {
  sessionStorage.removeItem(pendingKey);
}

/** The code in an invitation link, if this page is one. */
export function codeInLink(path: string, search: string): string | undefined {
  if (path.replace(/\/$/, '') !== '/carers/accept') return undefined;
  return new URLSearchParams(search).get('code')?.trim() || undefined;
}

export interface Accepted {
  patient: string;
  name: string;
  rights: 'view' | 'manage';
}

export async function acceptInvitation(code: string): Promise<Accepted> {
  const accepted = await api<Accepted>('/carers/accept', { method: 'POST', body: { code } });
  forgetInvitation();
  return accepted;
}

/** What she is told on the next page about an invitation just accepted, always by name. */
export const acceptedWords = (a: Accepted): string =>
  `Done: you are now a carer for ${a.name}. You are looking after ${a.name}’s record${a.rights === 'manage' ? ', and you can view and change it' : ', and you can view it'}.`;

export interface Flash {
  text: string;
  /** A problem to put in the error summary, not news. */
  problem?: boolean;
}

/** A message carried to the next page (after sign-in the page changes before it can be said). */
export function flash(message: Flash): void {
  sessionStorage.setItem(flashKey, JSON.stringify(message));
}

/** Read while rendering (twice in development); cleared once the page is on screen (clearFlash). */
export function readFlash(): Flash | undefined {
  const kept = sessionStorage.getItem(flashKey);
  return kept ? (JSON.parse(kept) as Flash) : undefined;
}

export function clearFlash(): void {
  sessionStorage.removeItem(flashKey);
}

/**
 * Where she goes once signed in (or signed up): with an invitation waiting, it is accepted, its
 * record chosen, and she lands on the carers page told by name whose record she now looks after.
 */
export async function afterSignIn(session: { refresh(): Promise<unknown>; chooseRecord(patientId: string): void }, otherwise: string, go: (path: string) => void): Promise<void> {
  const code = pendingInvitation();
  if (!code) return go(otherwise);
  try {
    const accepted = await acceptInvitation(code);
    await session.refresh();
    session.chooseRecord(accepted.patient.replace('Patient/', ''));
    flash({ text: acceptedWords(accepted) });
    go('/carers');
  } catch (err) {
    forgetInvitation();
    flash({ text: err instanceof Error ? err.message : 'We could not accept the invitation. Ask for a new one.', problem: true });
    go(`/carers/accept?code=${encodeURIComponent(code)}`);
  }
}
