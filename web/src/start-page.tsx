import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App.tsx';

/**
 * The start page drawn ahead, at build time (the plugin in vite.config.ts writes it into start.html).
 * On an old phone the page then shows as soon as its stylesheet arrives, instead of after React has
 * loaded and drawn it; React takes it over in place (main.tsx). Only the start page: every other page
 * depends on who is signed in.
 */
export function startPageMarkup(): string {
  return renderToString(
    <StrictMode>
      <App path="/" />
    </StrictMode>,
  );
}
