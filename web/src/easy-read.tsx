import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * Easy read: bigger text, more space, a symbol beside key words, and one task per page — for
 * people with a learning disability. Switchable at any time; remembered on this device.
 */
const EasyReadContext = createContext<{ on: boolean; toggle(): void }>({ on: false, toggle: () => undefined });

/** Whether easy read is on for this device (never, for the start page drawn ahead at build time). */
export function easyReadChosen(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem('redbag-easy-read') === 'on';
}

export function EasyReadProvider({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(easyReadChosen);
  useEffect(() => {
    document.body.classList.toggle('redbag-easy-read', on);
    localStorage.setItem('redbag-easy-read', on ? 'on' : 'off');
  }, [on]);
  return <EasyReadContext.Provider value={{ on, toggle: () => setOn(!on) }}>{children}</EasyReadContext.Provider>;
}

export const useEasyRead = (): boolean => useContext(EasyReadContext).on;

export function EasyReadSwitch() {
  const { on, toggle } = useContext(EasyReadContext);
  return (
    <button type="button" className="redbag-link-button" aria-pressed={on} onClick={toggle}>
      Easy read {on ? 'on' : 'off'}
    </button>
  );
}
