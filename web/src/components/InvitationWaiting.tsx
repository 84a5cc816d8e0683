import { useState } from 'react';
import { codeInLink, pendingInvitation, rememberInvitation } from '../invitation.ts';

/**
 * On the sign-in and sign-up pages when she came by an invitation link while signed out: the code
 * is kept (the link's page is this one, signed out), and she is told it will be accepted next.
 */
export function InvitationWaiting() {
  const [waiting] = useState(() => {
    const code = codeInLink(location.pathname, location.search);
    if (code) rememberInvitation(code);
    return Boolean(code ?? pendingInvitation());
  });
  if (!waiting) return null;
  return (
    <div className="nhsuk-inset-text" data-testid="invitation-waiting">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>You have been invited to help look after someone’s record. Sign in, or create an account if you do not have one, and we will accept the invitation for you.</p>
    </div>
  );
}
