import { Header } from 'nhsuk-react-components';
import { useEffect, useState } from 'react';
import { ScanPage } from './pages/ScanPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { useSiteConfig } from './site-config.ts';

/** The pages by path. A tiny router: the portal has few pages and each is a whole screen. */
function pageFor(path: string) {
  if (path === '/' || path === '') return <StartPage />;
  if (path === '/scan' || path === '/scan/') return <ScanPage />;
  return <NotFoundPage />;
}

export function App() {
  const [path, setPath] = useState(location.pathname);
  const site = useSiteConfig();
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return (
    <>
      <a className="nhsuk-skip-link" href="#main-content">Skip to main content</a>
      <Header service={{ text: site.serviceName, href: '/' }} logo={{ src: site.logoUrl, alt: site.serviceName, href: '/' }} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="main-content" tabIndex={-1}>
          {pageFor(path)}
        </main>
      </div>
      <footer role="contentinfo" className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <p className="nhsuk-body-s">{site.serviceName}: your health and care record, and the code that tells a crew what they need to know.</p>
        </div>
      </footer>
    </>
  );
}
