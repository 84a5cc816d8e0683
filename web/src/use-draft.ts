import { useEffect, useState } from 'react';

/**
 * A form field that survives a failed request, a reload or a lost connection: what was typed is
 * kept in this tab (sessionStorage) until the form is sent and cleared. Never used for passwords.
 */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const storageKey = `redbag-draft:${key}`;
  const [value, setValue] = useState<T>(() => {
    const kept = sessionStorage.getItem(storageKey);
    return kept === null ? initial : (JSON.parse(kept) as T);
  });
  useEffect(() => sessionStorage.setItem(storageKey, JSON.stringify(value)), [storageKey, value]);
  return [value, setValue, () => { sessionStorage.removeItem(storageKey); setValue(initial); }];
}
