import { Link } from './Link.tsx';
import { useSession } from '../session.tsx';

/**
 * On every page, for someone who looks after another person's record: whose record is open, and a
 * way to switch. Said in words at the top of the page, so a carer never adds Russell's allergy to her
 * own record (or hers to his) by mistake. Nothing is shown to someone who cares for no one.
 */
export function WhoseRecord() {
  const { me, caringFor, actingFor } = useSession();
  if (!me || me.kind !== 'person' || caringFor.length === 0 || location.pathname === '/whose-record') return null;
  const back = encodeURIComponent(location.pathname + location.search);
  return (
    <div className={`redbag-whose${actingFor ? ' redbag-whose--other' : ''}`} data-testid="whose-record">
      <p className="redbag-whose__text">
        <strong>{actingFor ? `You are looking after ${possessive(actingFor.name)} record.` : 'You are looking at your own record.'}</strong>{' '}
        {actingFor ? (actingFor.rights === 'manage' ? 'You can view and change it.' : 'You can view it.') : null}{' '}
        <Link href={`/whose-record?back=${back}`}>Switch<span className="nhsuk-u-visually-hidden"> to another record</span></Link>
      </p>
    </div>
  );
}

/** "Russell Evans's", "James's": the possessive in UK style. */
export function possessive(name: string): string {
  return `${name}’s`;
}
