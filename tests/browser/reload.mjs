// statuut serve in headless Chromium, as an editor sees it: a page open in
// the browser reloads by itself after a save, shows the errors of a broken
// save, and comes back after a good one; the redline of a concept is one
// click away.
// usage: node reload.mjs URL FILE PAGE
//   URL: the preview's address; FILE: the Markdown file of PAGE (a concept's
//   page, relative to URL), which is edited and put back.
//   exit 0: all seen
import { readFile, writeFile } from 'node:fs/promises';
import { launch } from './serve.mjs';

const [url, file, path] = process.argv.slice(2);
const original = await readFile(file, 'utf8');
const browser = await launch();
let code = 1;
const step = msg => console.log(`seen: ${msg}`);
try {
  const page = await browser.newPage();
  // the stream is open before the save (a save before it is caught too:
  // the stream's first event names the build, and the page's is older)
  const stream = page.waitForResponse(r => r.url().endsWith('/_statuut/events'), { timeout: 10000 });
  await page.goto(url + path);
  await stream;
  step('the page opened its event stream');
  await writeFile(file, original + '\nEen zin die de browser laat herladen.\n');
  await page.getByText('Een zin die de browser laat herladen.').waitFor({ timeout: 15000 });
  step('the page reloaded with the edit');
  await writeFile(file, original + '\nZie de noot[^nergens].\n');
  await page.getByRole('heading', { level: 1, name: 'De site kon niet worden gebouwd' })
    .waitFor({ timeout: 15000 });
  const error = await page.locator('ol.fouten li').first().innerText();
  if (!error.includes('footnote [^nergens] is referenced but not defined')) throw new Error(`error page: ${error}`);
  step(`the error page: ${error.split('\n')[0]}`);
  await writeFile(file, original);
  await page.locator('nav.versie-stand').waitFor({ timeout: 15000 });
  step('the page came back after the good save');
  await page.locator('nav.versie-stand a', { hasText: 'Wat verandert er' }).click();
  await page.locator('.verschil').first().waitFor({ timeout: 10000 });
  step(`one click to the redline: ${new URL(page.url()).pathname}`);
  code = 0;
} catch (e) {
  console.log(`failed: ${e.message.split('\n')[0]}`);
  await writeFile(file, original);
} finally {
  await browser.close();
}
process.exit(code);
