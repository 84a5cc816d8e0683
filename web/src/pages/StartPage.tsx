export function StartPage() {
  return (
    <>
      <h1>Red Bag</h1>
      <p className="nhsuk-lede-text">Your health and care record in one place, and a code on your fridge that tells an ambulance crew what they need to know.</p>
      <div className="nhsuk-card nhsuk-card--clickable">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-m">
            <a className="nhsuk-card__link" href="/scan">Scan a Red Bag code</a>
          </h2>
          <p className="nhsuk-card__description">For paramedics and carers. No account needed. Works without signal once opened.</p>
        </div>
      </div>
    </>
  );
}
