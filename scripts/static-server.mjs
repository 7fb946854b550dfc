// A static file server on 127.0.0.1: serves one folder with the right MIME types (application/wasm
// for streaming compilation), optional extra headers (the editor's Content-Security-Policy), and a
// log of every request it saw (browser tests assert on it), and optionally a pass-through of some
// paths to a backend (so the editor and the API share an origin). Used by `npm start` and the tests.
import { createServer, request as forward } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8', '.png': 'image/png',
};

// Relays a request to `target` (an http: URL) as it is, streaming both bodies.
function relay(request, response, target) {
  const upstream = forward(new URL(request.url, target), {
    method: request.method,
    headers: { ...request.headers, host: new URL(target).host },
  }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end('backend unavailable');
  });
  request.pipe(upstream);
}

/**
 * @param {URL|string} rootUrl folder to serve (file: URL or path)
 * @param {{headers?: object, port?: number, index?: string, proxy?: {paths: string[], target: string}}} [options]
 *   `index` is served for "/"; requests whose path starts with one of `proxy.paths` go to `proxy.target`
 */
export async function serve(rootUrl, { headers = {}, port = 0, index, proxy } = {}) {
  const root = rootUrl instanceof URL || String(rootUrl).startsWith('file:') ? fileURLToPath(rootUrl) : rootUrl;
  const requests = [];
  const server = createServer(async (request, response) => {
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    } catch {
      response.writeHead(400).end();
      return;
    }
    requests.push(path);
    if (proxy && proxy.paths.some((prefix) => path.startsWith(prefix))) {
      relay(request, response, proxy.target);
      return;
    }
    if (path === '/health') {  // no backend behind this server: the editor asks, and works alone
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end('{"ok":true,"backend":null}');
      return;
    }
    if (path === '/favicon.ico') {  // browsers ask for it; answer so the console stays clean
      response.writeHead(204).end();
      return;
    }
    if (path.includes('..')) {
      response.writeHead(400).end();
      return;
    }
    if (path.endsWith('/') && index) path += index;
    try {
      const body = await readFile(join(root, path));
      response.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headers,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections?.();
    }),
  };
}
