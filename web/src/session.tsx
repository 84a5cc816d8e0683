import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from './api/client.ts';
import { keepChoice, keptChoice, onChoiceElsewhere, recordOnScreen } from './record-choice.ts';

export interface Me {
  kind: 'person' | 'professional' | 'admin';
  email: string;
  name: { given: string; family: string } | null;
  patient?: string;
  practitionerRole?: string;
  organization?: string;
  role?: string;
}

export interface CaredFor {
  patient: string;
  name: string;
  rights: 'view' | 'manage';
  /** A legal proxy (set up by an admin) counts as the person: she decides who sees the record. */
  proxy?: boolean;
}

interface Session {
  me: Me | null | undefined; // undefined while loading
  /** Whose record the pages show: her own, or someone she cares for. */
  recordId: string | undefined;
  /** The person whose record is on screen when it is not her own (a carer acting for someone). */
  actingFor: CaredFor | undefined;
  caringFor: CaredFor[];
  chooseRecord(patientId: string): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

// Asked as the script starts rather than after the first drawing: on an old phone the answer is
// then back about a quarter of a second sooner. Used once, by the first refresh.
// (Not when the start page is drawn ahead at build time: there is no one to ask.)
let firstAsk: Promise<Me> | undefined = typeof window === 'undefined' ? undefined : api<Me>('/auth/me');
firstAsk?.catch(() => undefined);

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>();
  const [caringFor, setCaringFor] = useState<CaredFor[]>([]);
  const [chosen, setChosen] = useState<string>();
  // The account as of the last refresh: chooseRecord right after signing in must not see the old one.
  const accountRef = useRef<string>(undefined);

  const refresh = useCallback(async () => {
    try {
      const asked = firstAsk;
      firstAsk = undefined;
      const who = await (asked ?? api<Me>('/auth/me'));
      // Whom she cares for first, so no page ever opens her own record for a moment in a carer's tab.
      const people = who.kind === 'person' ? (await api<{ people: CaredFor[] }>('/carers/caring-for')).people : [];
      accountRef.current = who.email;
      setChosen(keptChoice(who.email));
      setCaringFor(people);
      setMe(who);
    } catch {
      accountRef.current = undefined;
      setMe(null);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const account = me?.email;
  // Another tab switched records: this one follows, so the banner and every write agree across tabs.
  useEffect(() => (account ? onChoiceElsewhere(account, setChosen) : undefined), [account]);

  const own = me?.patient?.replace('Patient/', '');
  const recordId = recordOnScreen(chosen, own, caringFor);
  const value: Session = {
    me,
    recordId,
    actingFor: recordId === own ? undefined : caringFor.find((c) => c.patient === `Patient/${recordId}`),
    caringFor,
    chooseRecord: (patientId) => {
      if (accountRef.current) keepChoice(accountRef.current, patientId);
      setChosen(patientId);
    },
    refresh,
    signOut: async () => {
      await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      setMe(null);
      navigate('/');
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Moves to another page without reloading (the router listens for popstate). */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}
