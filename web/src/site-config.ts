import { useEffect, useState } from 'react';

/** The service's name and logo: ours unless the organisation running it configures its own (SERVICE_NAME, SERVICE_LOGO_URL). */
export interface SiteConfig {
  serviceName: string;
  logoUrl: string;
}

const fallback: SiteConfig = { serviceName: 'Red Bag', logoUrl: '/red-bag-logo.svg' };

export function useSiteConfig(): SiteConfig {
  const [config, setConfig] = useState(fallback);
  useEffect(() => {
    fetch('/site-config.json')
      .then((r) => (r.ok ? (r.json() as Promise<SiteConfig>) : fallback))
      .then(setConfig)
      .catch(() => undefined);
  }, []);
  return config;
}
