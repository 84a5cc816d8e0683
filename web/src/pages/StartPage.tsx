import { Link } from '../components/Link.tsx';

export function StartPage() {
  return (
    <>
      <h1>Red Bag</h1>
      <p className="nhsuk-lede-text">Your health and care record in one place, and a code on your fridge that tells an ambulance crew what they need to know.</p>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {[
          { href: '/scan', title: 'Scan a Red Bag code', text: 'For paramedics and carers. No account needed. Works without signal once opened.' },
          { href: '/sign-in', title: 'Sign in', text: 'Keep your record and your carers up to date; see who has looked at it.' },
          { href: '/register', title: 'Create your Red Bag', text: 'For you, or for someone you care for.' },
        ].map((c) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={c.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m"><Link className="nhsuk-card__link" href={c.href}>{c.title}</Link></h2>
                <p className="nhsuk-card__description">{c.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
