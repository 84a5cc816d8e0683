import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../session.tsx';

/** An ordinary link that moves between pages without reloading (and still works opened in a new tab). */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={onClick} />;
}
