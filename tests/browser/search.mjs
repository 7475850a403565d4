// A Pagefind query in headless Chromium, as a member would search: serves a
// built site on 127.0.0.1, opens its search page, types a query and waits
// for the result that names the page of a known passage.
// usage: node search.mjs SITE QUERY EXPECTED_PATH   (exit 0: found)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const [site, query, expected] = process.argv.slice(2);
const require = createRequire(join(process.env.STATUUT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
                '.json': 'application/json', '.wasm': 'application/wasm' };

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
const port = server.address().port;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                        args: ['--no-sandbox'] });
let code = 1;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/zoeken/`);
  await page.fill('.pagefind-ui__search-input', query);
  const link = page.locator(`.pagefind-ui__result-link[href*="${expected}"]`).first();
  await link.waitFor({ timeout: 10000 });
  console.log(`found: ${await link.getAttribute('href')}`);
  code = 0;
} catch (e) {
  console.log(`not found: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
