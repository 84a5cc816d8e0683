import { useEffect, useState } from 'react';

/**
 * Easy read: bigger text, more space, a symbol beside key words, and one task per page — for
 * people with a learning disability. Switchable at any time; remembered on this device.
 */
export function EasyReadSwitch() {
  const [on, setOn] = useState(() => localStorage.getItem('redbag-easy-read') === 'on');
  useEffect(() => {
    document.body.classList.toggle('redbag-easy-read', on);
    localStorage.setItem('redbag-easy-read', on ? 'on' : 'off');
  }, [on]);
  return (
    <button type="button" className="redbag-link-button" aria-pressed={on} onClick={() => setOn(!on)}>
      Easy read {on ? 'on' : 'off'}
    </button>
  );
}
