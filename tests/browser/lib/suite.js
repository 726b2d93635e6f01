// The built site, checked in headless Chromium: every page in the output,
// in every language, in one of its two forms: as published (links to
// folders end in `/`), or for opening from disk (`--file-links`: every
// link names a file). Builds the site with the real tool first (or, for
// the published form, uses the folder in RETTLEIAR_SITE).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './browser.js';
import {
  checkAnchors,
  checkAxe,
  checkFooters,
  checkHtml,
  checkKeyboard,
  checkLayout,
  checkLinks,
  checkRequests,
  checkWeight,
  loadPages,
  readPages,
} from './checks.js';
import { checkFileForm } from './files.js';
import { serve } from './server.js';
import { REPO, buildSite, findPages, readSettings, removeTemp } from './site.js';

/** Bytes a page may weigh with everything it loads; the README states it. */
export const PAGE_BUDGET = 40_000;

/** Declares every check of the site in the form `fileLinks` chooses. */
export function siteTests({ fileLinks }) {
  let ctx;
  let browser;
  let server;

  before(async () => {
    const out = await buildSite(REPO, { fileLinks });
    server = await serve(out);
    browser = await launch();
    const pages = findPages(out);
    ctx = { out, origin: server.origin, pages, settings: readSettings() };
    ctx.facts = await readPages(browser, pages);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (ctx) removeTemp(ctx.out);
  });

  const RULES = [...'ab'].flatMap((part) => Array.from({ length: 10 }, (_, i) => `${part}${i + 1}`));

  test('the output has the entry page and a page per language, each with rules A1–B10', () => {
    const rels = ctx.pages.map((p) => p.rel);
    assert.ok(rels.includes('index.html'), `no entry page among ${rels}`);
    for (const lang of ctx.settings.languages) {
      const rel = `${lang}/index.html`;
      assert.ok(rels.includes(rel), `no ${rel} among ${rels}`);
      assert.equal(ctx.facts.get(rel).lang, lang);
      assert.deepEqual(ctx.facts.get(rel).ruleIds, RULES, rel);
    }
  });

  test('axe-core: no WCAG 2.1 A or AA violations on any page, at 1280 and 320 px', async () => {
    assert.deepEqual(await checkAxe(browser, ctx), []);
  });

  test('the Nu HTML checker reports no errors in any page or style sheet', async () => {
    const { problems, checked } = await checkHtml(ctx.out);
    assert.ok(checked >= ctx.pages.length);
    assert.deepEqual(problems, []);
  });

  test('every href, src and fragment resolves inside the output or is a declared outside link', () => {
    const refs = [...ctx.facts.values()].reduce((n, f) => n + f.refs.length, 0);
    assert.ok(refs > 50, `only ${refs} addresses found: is the page reader broken?`);
    assert.deepEqual(checkLinks(ctx), []);
  });

  test('every rule anchor shows its rule in the viewport', async () => {
    assert.deepEqual(await checkAnchors(browser, ctx), []);
  });

  test('every footer links to the accessibility statement and the contact address', () => {
    assert.deepEqual(checkFooters(ctx), []);
  });

  test('loading pages: no request to another host, none failing, all within the weight budget', async (t) => {
    const loads = await loadPages(browser, ctx);
    assert.ok(loads.every((l) => l.requests.length >= 2), 'a page loaded without its style sheet');
    assert.deepEqual(checkRequests(loads), []);
    const { problems, weights } = checkWeight(loads, PAGE_BUDGET);
    for (const w of weights) t.diagnostic(`${w.page}: ${w.bytes} bytes`);
    assert.deepEqual(problems, []);
  });

  test('the README states the page-weight budget the suite checks', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const m = /page-weight budget:[^*]{0,200}\*\*([\d ]+) bytes\*\*/i.exec(readme);
    assert.ok(m, 'README has no «Page-weight budget: … **N bytes**»');
    assert.equal(Number(m[1].replace(/ /g, '')), PAGE_BUDGET);
  });

  test('reflow, text spacing and zoom: no page scrolls sideways or hides text', async () => {
    assert.deepEqual(await checkLayout(browser, ctx), []);
  });

  test('keyboard: a working skip link comes first, and focus shows on every link', async () => {
    assert.deepEqual(await checkKeyboard(browser, ctx), []);
  });

  if (fileLinks) {
    test('opened from disk (file://), every link and resource names a file that exists', async () => {
      const { problems, checked } = await checkFileForm(browser, ctx);
      assert.ok(checked > 500, `only ${checked} addresses checked`);
      assert.deepEqual(problems, []);
    });
  }
}
