/** The console's entry: connect the stores to the desk, then render. */
// First, so the socket to the desk starts opening before the browser runs React and the views (imports run
// in order): it is open by the time the first view asks for its data, instead of a round trip after.
import './transport';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetchFirstView } from './App';
import { connectData } from './stores/data-store';
import { connectStatus } from './stores/status-store';
import './styles/fonts.css';
import './styles/base.css';
import './styles/header.css';
import './styles/tables.css';
import './styles/panels.css';

connectStatus();
connectData();
prefetchFirstView();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
