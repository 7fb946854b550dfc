// Serves the production build of the plan editor on localhost under its Content-Security-Policy
// and prints the URL. PORT picks the port (default 5173; 0 = any free port). BACKEND_URL (set by
// `npm start`) passes /api/ and /health through to the reference backend, so the editor and the
// API share one origin (no CORS, and the CSP's connect-src 'self' covers it).
import { serve } from './static-server.mjs';
import { CONTENT_SECURITY_POLICY } from '../web/demo/csp.mjs';

const port = Number(process.env.PORT ?? 5173);
const server = await serve(new URL('../build/editor/', import.meta.url), {
  port,
  index: 'index.html',
  headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
  proxy: process.env.BACKEND_URL ? { paths: ['/api/', '/health'], target: process.env.BACKEND_URL } : undefined,
});
const { url } = server;
const backend = process.env.BACKEND_URL ? `, with the backend's API at ${url}/api/` : '';
console.log(`\nThe plan editor is running at ${url}/${backend}\n(works offline after the first visit; Ctrl+C stops it)\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
