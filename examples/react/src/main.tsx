// The example's browser entry: ?sync=<API root>&token=<token> turns sync on.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const params = new URLSearchParams(window.location.search);
const baseUrl = params.get('sync');
const token = params.get('token');
const sync = baseUrl ? { baseUrl, getAuthToken: () => token } : undefined;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App sync={sync} />
  </StrictMode>,
);
