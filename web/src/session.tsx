import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client.ts';

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
  caringFor: CaredFor[];
  chooseRecord(patientId: string): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>();
  const [caringFor, setCaringFor] = useState<CaredFor[]>([]);
  const [chosen, setChosen] = useState<string | undefined>(() => sessionStorage.getItem('redbag-record') ?? undefined);

  const refresh = useCallback(async () => {
    try {
      const who = await api<Me>('/auth/me');
      setMe(who);
      setCaringFor(who.kind === 'person' ? (await api<{ people: CaredFor[] }>('/carers/caring-for')).people : []);
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const own = me?.patient?.replace('Patient/', '');
  const recordId = chosen && caringFor.some((c) => c.patient === `Patient/${chosen}`) ? chosen : own;
  const value: Session = {
    me,
    recordId,
    caringFor,
    chooseRecord: (patientId) => {
      sessionStorage.setItem('redbag-record', patientId);
      setChosen(patientId);
    },
    refresh,
    signOut: async () => {
      await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      sessionStorage.removeItem('redbag-record');
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
