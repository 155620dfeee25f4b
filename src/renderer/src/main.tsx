/**
 * The console's entry, kept small so the browser runs it as soon as it arrives: open the socket to the desk,
 * connect the stores, and ask for the first view's data; then load React and the views (render.tsx, a chunk
 * the page already fetches alongside this one) and render. The desk answers while the browser is still
 * compiling React, so the first view renders with its data instead of a "Loading…" and a round trip later.
 */
import './transport';
import { connectData } from './stores/data-store';
import { connectStatus } from './stores/status-store';
import { prefetchFirstView } from './views/view-names';
import './styles/fonts.css';
import './styles/base.css';
import './styles/header.css';
import './styles/tables.css';
import './styles/panels.css';

connectStatus();
connectData();
prefetchFirstView();

import('./render').catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `The console could not load (${String(error)}): reload the page.`;
});
