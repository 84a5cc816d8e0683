/**
 * The NHS.UK header with the service's name and logo, as plain markup: the design system's header
 * component brings its own script (for a navigation menu we do not have), and the first page is
 * quicker on an old phone without it.
 */
export function ServiceHeader({ serviceName, logoUrl }: { serviceName: string; logoUrl: string }) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-width-container nhsuk-header__container">
        <div className="nhsuk-header__service">
          <a className="nhsuk-header__service-logo" href="/" aria-label={`${serviceName} homepage`}>
            <img className="nhsuk-header__organisation-logo" width="280" alt="" src={logoUrl} />
            <span className="nhsuk-header__service-name">{serviceName}</span>
          </a>
        </div>
      </div>
    </header>
  );
}
