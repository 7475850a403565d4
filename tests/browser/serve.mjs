// What the browser tests share: a built site served on 127.0.0.1 (never on
// another interface), and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
                '.json': 'application/json', '.wasm': 'application/wasm', '.pdf': 'application/pdf',
                '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
                '.xml': 'application/xml' };

// Serves the folder site; resolves to { url, close }.
export async function serveSite(site) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.includes('..')) { res.writeHead(404).end(); return; }
    const file = join(site, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

// playwright-core from the build's node_modules (STATUUT_NODE_MODULES).
export function playwright() {
  const require = createRequire(join(process.env.STATUUT_NODE_MODULES, 'x.js'));
  return require('playwright-core');
}

export async function launch() {
  return playwright().chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                        args: ['--no-sandbox'] });
}
