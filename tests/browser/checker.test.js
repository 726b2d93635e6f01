// The checks themselves, shown to fail: a copy of the project whose theme
// has known faults is built with the real tool, and every check must
// report the fault it exists to catch.

import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './lib/browser.js';
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
} from './lib/checks.js';
import { checkFileForm } from './lib/files.js';
import { serve } from './lib/server.js';
import { buildSite, copyProject, findPages, readSettings, removeTemp } from './lib/site.js';

/** Replaces `from` by `to` in a file of the copy, which must contain it. */
function edit(root, rel, from, to) {
  const file = join(root, rel);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${rel} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

let project;
let ctx;
let browser;
let server;

before(async () => {
  project = copyProject();
  // A link before the skip link, to an id that does not exist; an image
  // without alt text from another host; an undeclared outside link; a
  // link to a file that does not exist.
  edit(
    project,
    'theme/templates/base.html',
    '<body>\n',
    '<body>\n<a href="#nowhere">Nowhere</a>\n',
  );
  edit(
    project,
    'theme/templates/base.html',
    '{% block main %}',
    '<img src="https://example.invalid/pixel.png">\n' +
      '<p><a href="https://example.invalid/elsewhere">Elsewhere</a> ' +
      '<a href="{{ root }}missing.html">Missing</a></p>\n{% block main %}',
  );
  // No accessibility statement in the footer.
  edit(
    project,
    'theme/templates/macros.html',
    '<p><a href="{{ statement.href }}"{% if statement.hreflang %} hreflang="{{ statement.hreflang }}"{% endif %}>{{ t(key="accessibility-statement") }}</a></p>',
    '',
  );
  appendFileSync(
    join(project, 'theme/style.css'),
    `
/* Faults for the checker's own test. */
.site-footer p { white-space: nowrap; min-width: 40rem; }
.toc { height: 3rem; overflow: hidden; }
.site-footer a:focus-visible { outline: none; }
.site-header { position: sticky; top: 0; z-index: 5; }
.rule, :target { scroll-margin-top: 0; }
`,
  );
  const out = await buildSite(project);
  server = await serve(out);
  browser = await launch();
  // The faults are in the page frame, so the entry page and the language
  // pages show them all; the other pages are read for their ids only.
  const all = findPages(out);
  const pages = all.filter((p) => /^([^/]+\/)?index\.html$/.test(p.rel));
  ctx = { out, origin: server.origin, pages, settings: readSettings(project) };
  ctx.facts = await readPages(browser, all);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (ctx) removeTemp(ctx.out);
  if (project) removeTemp(project);
});

/** Asserts that some problem in `problems` matches `pattern`. */
function reports(problems, pattern) {
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`,
  );
}

test('axe-core reports the image without alt text', async () => {
  const problems = await checkAxe(browser, ctx, [1280]);
  reports(problems, /^nn\/index\.html @1280px: image-alt \(critical\)/);
});

test('the Nu HTML checker reports the image without alt', async () => {
  const { problems } = await checkHtml(ctx.out);
  reports(problems, /^nn\/index\.html:\d+: error: An “img” element must have an “alt” attribute/);
});

test('the link check reports the broken fragment, the missing file and both outside addresses', () => {
  const problems = checkLinks(ctx);
  reports(problems, /^nn\/index\.html: <a href="#nowhere">: \/nn\/ has no id «nowhere»/);
  reports(problems, /^en\/index\.html: <a href="\.\.\/missing\.html">: \/missing\.html does not exist/);
  reports(problems, /^index\.html: <img src="https:\/\/example\.invalid\/pixel\.png"> would load from another host/);
  reports(problems, /<a href="https:\/\/example\.invalid\/elsewhere"> links to another host but is not declared/);
});

test('loading reports the request to another host, and the weight check a page over budget', async () => {
  const loads = await loadPages(browser, ctx);
  reports(checkRequests(loads), /^nb\/index\.html: requests https:\/\/example\.invalid\/pixel\.png$/);
  reports(checkWeight(loads, 10_000).problems, /^nn\/index\.html: \d+ bytes .* over the budget of 10000$/);
});

test('the footer check reports the missing accessibility statement', () => {
  reports(checkFooters(ctx), /^index\.html: footer does not link to https:\/\/uustatus\.no\//);
});

test('the layout check reports sideways scrolling and clipped content', async () => {
  const problems = await checkLayout(browser, ctx);
  reports(problems, /^nn\/index\.html at 320 px wide \(WCAG 1\.4\.10 reflow\): scrolls sideways/);
  reports(problems, /^nn\/index\.html at 200% zoom \(WCAG 1\.4\.4\): <nav\.toc> .*hides part of its content/);
});

test('the keyboard check reports the link before the skip link and a link without focus outline', async () => {
  const problems = await checkKeyboard(browser, ctx);
  reports(problems, /^nn\/index\.html: the first Tab stop is not a skip link to <main>: <a href="#nowhere">/);
  reports(problems, /^nn\/index\.html: <a href="mailto:siso@bomlo\.kommune\.no">.* shows no focus outline/);
});

test('the anchor check reports rules hidden under a sticky header', async () => {
  reports(await checkAnchors(browser, ctx), /^nn\/index\.html#a1: the rule is covered by another element$/);
});

test('the file-form check reports links to folders, which opened from disk are listings', async () => {
  const { problems } = await checkFileForm(browser, ctx);
  reports(problems, /^index\.html: <a href="nn\/"> names the folder nn\/, which from disk is a listing/);
  reports(problems, /^en\/index\.html: <a href="\.\.\/missing\.html">: missing\.html does not exist/);
});
