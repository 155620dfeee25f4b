/**
 * The console's entry, kept small so the browser runs it as soon as it arrives: open the socket to the desk,
 * connect the stores, and ask for the first view's data; then load React and the views (render.tsx, a chunk
 * the page already fetches alongside this one) and render. The desk answers while the browser is still
 * compiling React, so the first view renders with its data instead of a "Loading…" and a round trip later.
 */
import { transport } from './transport';
import { connectData } from './stores/data-store';
import { connectStatus } from './stores/status-store';
import { prefetchFirstView } from './views/view-names';
import './styles/fonts.css';
import './styles/base.css';
import './styles/header.css';
import './styles/tables.css';
import './styles/panels.css';

/** Longest the console waits for its socket before rendering anyway (it then shows what it can). */
const CONNECT_WAIT_MS = 250;

/**
 * Resolves once the connection has opened (the first view's request went out with it) or failed, or after
 * CONNECT_WAIT_MS. Evaluating React and the views takes the page's thread for a while: started first, it
 * would hold the socket's "open" back, and with it the request.
 */
function connectionSettled(): Promise<void> {
  let stopListening = () => {};
  return new Promise<void>((resolve) => {
    setTimeout(resolve, CONNECT_WAIT_MS);
    stopListening = transport.onConnection((state) => {
      if (state !== 'connecting') resolve();
    });
  }).finally(() => stopListening());
}

connectStatus();
connectData();
prefetchFirstView();

connectionSettled()
  .then(() => import('./render'))
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `The console could not load (${String(error)}): reload the page.`;
  });
