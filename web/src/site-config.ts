/** The service's name and logo: ours unless the organisation running it configures its own (SERVICE_NAME, SERVICE_LOGO_URL). */
export interface SiteConfig {
  serviceName: string;
  logoUrl: string;
}

/**
 * In the start page drawn ahead at build time (start-page.tsx) the name and logo are these slots; the
 * server fills them in (escaped) as it sends the page, exactly as the meta tags, so React finds on the
 * page what it would have drawn itself.
 */
export const siteConfigSlots: SiteConfig = { serviceName: '%SERVICE_NAME%', logoUrl: '%SERVICE_LOGO_URL%' };

const fallback: SiteConfig = { serviceName: 'Red Bag', logoUrl: '/red-bag-logo.svg' };

/**
 * Read from the page itself (the server writes them into index.html's meta tags), so the first page
 * is drawn once with the right name and logo: no request, no second drawing, no logo fetched twice.
 */
function fromPage(): SiteConfig {
  if (typeof document === 'undefined') return siteConfigSlots;
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="redbag:${name}"]`)?.content || undefined;
  return { serviceName: meta('service-name') ?? fallback.serviceName, logoUrl: meta('logo-url') ?? fallback.logoUrl };
}

let config: SiteConfig | undefined;

export function useSiteConfig(): SiteConfig {
  config ??= fromPage();
  return config;
}
