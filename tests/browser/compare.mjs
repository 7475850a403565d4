// The "Vergelijk" control as a member uses it in headless Chromium: on a
// version page, pick two versions (newer first, to check the order is put
// right) and land on their redline; the same version twice is refused with
// a message.
// usage: node compare.mjs SITE PAGE VAN TOT EXPECTED_PATH   (exit 0: landed there)
import { serveSite, launch } from './serve.mjs';

const [site, pagePath, van, tot, expected] = process.argv.slice(2);
const server = await serveSite(site);
const browser = await launch();
let code = 1;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto(`${server.url}/${pagePath}`);
  const form = page.locator('form.vergelijk-kies').first();
  await form.waitFor({ state: 'visible', timeout: 5000 });
  await form.locator('select[name=van]').selectOption(van);
  await form.locator('select[name=tot]').selectOption(van);
  await form.locator('button').click();
  const said = await form.locator('.vergelijk-melding').textContent();
  if (!said.includes('twee verschillende')) throw new Error(`no refusal of one version twice: '${said}'`);
  await form.locator('select[name=tot]').selectOption(tot);
  await Promise.all([page.waitForURL(`**/${expected}`, { timeout: 5000 }), form.locator('button').click()]);
  const h1 = await page.locator('h1').first().textContent();
  console.log(`landed: ${new URL(page.url()).pathname} (${h1.trim()})`);
  code = 0;
} catch (e) {
  console.log(`not landed: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
