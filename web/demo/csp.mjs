// The policy the editor is served under (npm start and the end-to-end tests): scripts only from
// the page's own origin, wasm compilation allowed, nothing evaluated from strings. Requests may
// go to any https origin and to a local server: the founder picks the OpenAI-compatible endpoint
// the editor talks to.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
