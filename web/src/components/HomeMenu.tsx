import { Link } from './Link.tsx';

/** Everything else, in three small groups instead of one long list. */
export function HomeMenu() {
  return (
    <>
      <h2>Your record</h2>
      <ul className="nhsuk-list redbag-menu">
        <li><Link href="/allergies">Allergies</Link></li>
        <li><Link href="/medicines">Medicines</Link></li>
        <li><Link href="/contacts">Who to call</Link></li>
        <li><Link href="/emergency-wishes">Emergency wishes</Link></li>
        <li><Link href="/conditions">Conditions</Link></li>
        <li><Link href="/care-team">Care team</Link></li>
        <li><Link href="/what-matters">What matters to me</Link></li>
        <li><Link href="/support-plan">Support plan</Link></li>
        <li><Link href="/what-is-usual">What is usual for me</Link></li>
        <li><Link href="/appointments">Appointments</Link></li>
      </ul>
      <h2>Your Red Bag</h2>
      <ul className="nhsuk-list redbag-menu">
        <li><Link href="/my-red-bag">Print it, show the code, or make a link</Link></li>
        <li><Link href="/import-and-download">Import a summary, or download your record</Link></li>
      </ul>
      <h2>Who sees your record</h2>
      <ul className="nhsuk-list redbag-menu">
        <li><Link href="/sharing">Sharing</Link></li>
        <li><Link href="/access-log">Who has seen my record</Link></li>
        <li><Link href="/carers">Carers</Link></li>
      </ul>
    </>
  );
}
