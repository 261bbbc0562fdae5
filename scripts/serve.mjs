// A tiny static server for the demo (`npm start`): serves the repository root (dist/, demo/) with the
// right MIME types, `/` redirecting to `/demo/`. No dependencies; never serves outside the root.
//
//   node scripts/serve.mjs [--port 8000] [--host 127.0.0.1] [--csp] [--root DIR]
//
// --csp adds the strict Content-Security-Policy the kit must work under (DESIGN.md: councils
// often run one): no inline script or style, no eval, workers from this origin or blob:. The pages in
// STRICT_PAGES (demo/csp.html) always get it.
// PORT and HOST may also come from the environment. If the port is taken, the next free one is used.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Pages served with STRICT_CSP even without --csp. */
export const STRICT_PAGES = new Set(['/demo/csp.html']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

function parseArgs(argv) {
  const o = {
    port: Number(process.env.PORT ?? 8000),
    host: process.env.HOST ?? '127.0.0.1',
    csp: false,
    root: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--csp') o.csp = true;
    else if (a === '--port') o.port = Number(argv[++i]);
    else if (a === '--host') o.host = argv[++i];
    else if (a === '--root') o.root = argv[++i];
    else if (a === '--help') {
      console.log('node scripts/serve.mjs [--port 8000] [--host 127.0.0.1] [--csp] [--root DIR]');
      process.exit(0);
    } else {
      console.error(`serve: unknown option ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
    console.error(`serve: invalid --port; expected 0-65535, got ${o.port}`);
    process.exit(2);
  }
  return o;
}

/** A request handler serving files under `root`; `csp` adds the strict policy header. */
export function handler(root, { csp = false } = {}) {
  const base = resolve(root);
  return async (req, res) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('Bad request');
      return;
    }
    if (STRICT_PAGES.has(path)) headers['Content-Security-Policy'] = STRICT_CSP;
    if (path === '/') {
      res.writeHead(302, { ...headers, Location: '/demo/' }).end();
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, headers).end('Forbidden');
      return;
    }
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { ...headers, Location: `${path}/` }).end();
          return;
        }
        file = join(file, 'index.html');
        s = await stat(file);
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': s.size,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res
        .writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Not found: ${path}`);
    }
  };
}

/** Starts the server; resolves with its URL. Tries the next ports when one is taken. */
export function serve({ port = 8000, host = '127.0.0.1', csp = false, root } = {}) {
  const dir = root ?? fileURLToPath(new URL('..', import.meta.url));
  const server = createServer(handler(dir, { csp }));
  return new Promise((resolvePromise, reject) => {
    let attempt = 0;
    server.on('error', (e) => {
      if (e.code === 'EADDRINUSE' && port !== 0 && attempt < 20) {
        attempt++;
        server.listen(port + attempt, host);
      } else reject(e);
    });
    server.on('listening', () => {
      const { port: p } = server.address();
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolvePromise({ server, url: `http://${shown}:${p}/` });
    });
    server.listen(port, host);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  const { url } = await serve({ port: o.port, host: o.host, csp: o.csp, root: o.root ?? undefined });
  console.log(`csc-demand-widgets demo: ${url}demo/${o.csp ? '   (strict Content-Security-Policy on)' : ''}`);
  console.log('Press Ctrl+C to stop.');
}
