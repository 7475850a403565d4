// The accessibility gate: every page of a built site (and any page given
// alone) in headless Chromium, served on 127.0.0.1, checked as a compiler
// checks a file, one line per finding:
//   PAGE [scheme, width]: RULE: ELEMENT: what is wrong
// - axe-core with the WCAG 2.0 and 2.1 A and AA rules and 2.2's target size
//   (2.5.8, with its spacing exception), in the light and the dark scheme;
//   every view of a redline (its #weergave_… fragments) as a page of its own;
// - at 320 CSS px: no sideways scrolling (WCAG 1.4.10), target sizes again;
// - the skip link is the first stop and moves focus to the start of the text;
// - heading levels start at h1 and never skip one.
// usage: node a11y.mjs SITE_DIR [PAGE.html ...]   (PAGE: a page alone, outside the site)
// exit 0: no finding; 1: findings (listed); 2: trouble.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, basename, join, relative } from 'node:path';
import { serveSite, launch } from './serve.mjs';

const [siteDir, ...alone] = process.argv.slice(2);
const axeSource = await readFile(join(process.env.STATUUT_NODE_MODULES, 'axe-core', 'axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function pagesOf(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath ?? e.path, e.name);
    const rel = relative(dir, path);
    if (e.isFile() && e.name.endsWith('.html') && !rel.startsWith('pagefind/')) out.push(rel);
  }
  return out.sort();
}

const findings = [];
const say = (where, rule, element, what) => findings.push(`${where}: ${rule}: ${element}: ${what}`);

async function runAxe(page, where, rules) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async ([tags, only]) => {
    const opts = only ? { runOnly: { type: 'rule', values: only } } : { runOnly: { type: 'tag', values: tags } };
    opts.resultTypes = ['violations'];
    const r = await window.axe.run(document, opts);
    return r.violations.map(v => ({ id: v.id, help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: (n.failureSummary || '').split('\n').slice(1, 2).join(' ').trim() })) }));
  }, [AXE_TAGS, rules]);
  for (const v of result)
    for (const n of v.nodes) say(where, v.id, n.target, n.summary || v.help);
}

// What the skip link, the headings and the width say of the page loaded.
async function structure(page, where, narrow) {
  if (narrow) {
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (w[0] > w[1]) {
      const wide = await page.evaluate(limit => {
        // the outermost elements reaching past the viewport, to name them
        const hits = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > limit + 0.5 && r.width > 0 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 0.5))
            hits.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ` (${Math.round(r.right)} px)`);
          if (hits.length >= 3) break;
        }
        return hits.join(', ');
      }, w[1]);
      say(where, 'reflow', wide || 'html', `the page is ${w[0]} px wide at ${w[1]} px (WCAG 1.4.10)`);
    }
  }
  const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.getClientRects().length).map(h => [Number(h.tagName[1]), (h.id ? '#' + h.id : h.tagName.toLowerCase()) + ' "' + h.textContent.trim().slice(0, 40) + '"']));
  let prev = 0;
  for (const [level, name] of levels) {
    if (prev === 0 && level !== 1) say(where, 'heading-levels', name, `the first heading is h${level}, not h1`);
    else if (level > prev + 1 && prev) say(where, 'heading-levels', name, `h${level} after h${prev} skips a level`);
    prev = level;
  }
  if (!narrow) {
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.tagName === 'A' ? a.getAttribute('href') : a ? a.tagName : null;
    });
    if (!first || !first.startsWith('#')) { say(where, 'skip-link', 'body', `the first Tab stop is ${first}, not a link to the text`); return; }
    await page.keyboard.press('Enter');
    const landed = await page.evaluate(id => {
      const a = document.activeElement, t = document.getElementById(id);
      if (!t) return `no element #${id}`;
      if (a !== t && !t.contains(a)) return `focus is on ${a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') : 'nothing'}, not on #${id}`;
      return '';
    }, first.slice(1));
    if (landed) say(where, 'skip-link', `a[href="${first}"]`, landed);
  }
}

async function check(t) {
  const url = `${t.base.url}/${t.path}`;
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto(url);
    const views = await page.evaluate(() => [...document.querySelectorAll('nav.weergaven a[href^="#"]')].map(a => a.getAttribute('href')));
    await runAxe(page, `${t.name} [${scheme}, 1280]`);
    if (scheme === 'light') await structure(page, `${t.name} [1280]`, false);
    for (const v of views) {
      await page.goto(url + v);
      await runAxe(page, `${t.name}${v} [${scheme}, 1280]`);
    }
    await ctx.close();
  }
  const ctx = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url);
  const views = await page.evaluate(() => [...document.querySelectorAll('nav.weergaven a[href^="#"]')].map(a => a.getAttribute('href')));
  for (const v of ['', ...views]) {
    if (v) await page.goto(url + v);
    await structure(page, `${t.name}${v} [320]`, true);
    await runAxe(page, `${t.name}${v} [320]`, ['target-size']);
  }
  await ctx.close();
}

let code = 0;
const server = siteDir ? await serveSite(siteDir) : null;
const browser = await launch();
try {
  const targets = [];
  if (server) for (const p of await pagesOf(siteDir)) targets.push({ base: server, path: p, name: p });
  const extra = [];
  for (const file of alone) {
    const s = await serveSite(dirname(file));
    extra.push(s);
    targets.push({ base: s, path: basename(file), name: file });
  }
  // two pages at a time: CI machines have two cores
  const queue = [...targets];
  const worker = async () => { for (let t; (t = queue.shift());) await check(t); };
  await Promise.all([worker(), worker()]);
  for (const s of extra) s.close();
  for (const f of findings.sort()) console.log(f);
  console.log(`${targets.length} pages checked, ${findings.length} findings`);
  code = findings.length ? 1 : 0;
} catch (e) {
  console.log(`trouble: ${e.message.split('\n')[0]}`);
  code = 2;
} finally {
  await browser.close();
  if (server) server.close();
}
process.exit(code);
