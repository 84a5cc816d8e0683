import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './app.css';
import { App } from './App.tsx';
import { easyReadChosen } from './easy-read.tsx';

const root = document.getElementById('root')!;
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// The start page arrives already drawn (start.html, see start-page.tsx): React takes it over instead of
// drawing it again. In easy read the page looks different, so it is drawn afresh.
if (root.firstElementChild && location.pathname === '/' && !easyReadChosen()) {
  hydrateRoot(root, app);
} else {
  root.replaceChildren();
  createRoot(root).render(app);
}

// The scanner must open with no signal once it has been opened online. Registered once the page has
// loaded, so fetching and starting the worker does not compete with drawing the first page.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined), { once: true });
}
