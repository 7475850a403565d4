// A Pagefind query in headless Chromium, as a member would search: serves a
// built site on 127.0.0.1, types a query into the search box in the header
// of a page (default: the index), lands on the search page and waits for the
// result that names the page of a known passage. Only the versions in force
// are searched unless the reader picks another kind (--soort KIND, or alles).
// With --title TEXT the found result's title must contain TEXT, with
// --not-in-excerpt TEXT its excerpt must not.
// usage: node search.mjs SITE QUERY EXPECTED_PATH [--from PAGE] [--soort KIND] [--absent]
//                        [--title TEXT] [--not-in-excerpt TEXT]
//   exit 0: found (with --absent: the search finished and did not list it)
import { serveSite, launch } from './serve.mjs';

const [site, query, expected, ...rest] = process.argv.slice(2);
const opt = name => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : null; };
const from = opt('--from') || '', kind = opt('--soort'), absent = rest.includes('--absent');
const title = opt('--title'), unexcerpted = opt('--not-in-excerpt');
const server = await serveSite(site);
const browser = await launch();
let code = 1;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto(`${server.url}/${from}`);
  await page.fill('#zoek-kop', query);
  await Promise.all([page.waitForURL('**/zoeken/**'), page.press('#zoek-kop', 'Enter')]);
  if (kind) {
    await page.locator(`.zoek-soort input[value="${kind === 'alles' ? '' : kind}"]`).check();
  }
  // the query from the header is searched on arrival
  const value = await page.locator('.pagefind-ui__search-input').inputValue();
  if (value !== query) throw new Error(`the search page got '${value}', not '${query}'`);
  // Pagefind's filter panel stays hidden: the page offers one kind at a time
  await page.locator('.pagefind-ui__result-link, .pagefind-ui__message').first().waitFor({ timeout: 10000 });
  if (await page.locator('.pagefind-ui__filter-panel').isVisible())
    throw new Error("Pagefind's filter panel is shown beside the page's own choice");
  // and no column for images beside the results: the pages have none worth showing
  if (await page.locator('.pagefind-ui__result-thumb').count())
    throw new Error("results keep a column for images");
  if (!absent) {
    const link = page.locator(`.pagefind-ui__result-link[href*="${expected}"]`).first();
    await link.waitFor({ timeout: 10000 });
    const result = page.locator('.pagefind-ui__result', { has: link }).first();
    const shown = await result.locator('.pagefind-ui__result-title').first().innerText();
    if (title && !shown.includes(title)) throw new Error(`the result is titled '${shown}', not '${title}'`);
    const excerpt = await result.locator('.pagefind-ui__result-excerpt').first().innerText();
    if (unexcerpted && excerpt.includes(unexcerpted)) throw new Error(`the excerpt has '${unexcerpted}': ${excerpt}`);
    console.log(`found: ${await link.getAttribute('href')} '${shown}': ${excerpt}`);
    code = 0;
  } else {
    // the results of the default kind have come (the query must have some),
    // and stay what they are
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10000 });
    await page.waitForTimeout(1000);
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll(as => as.map(a => a.getAttribute('href')));
    const hit = links.find(h => h.includes(expected));
    if (hit) throw new Error(`listed ${hit}, which should be filtered out`);
    console.log(`not listed: ${expected} (${links.length} results: ${links.join(' ')})`);
    code = 0;
  }
} catch (e) {
  console.log(`failed: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
