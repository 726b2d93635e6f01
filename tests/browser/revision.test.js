// The revision made for the tests (tests/fixtures/revision/, the same
// steps as tests/versions.rs and the README's worked example), built and
// checked like the site: every page of a version in its own folder, the
// «what changed» pages, the pages that show a rule's history or a
// lagging translation's notice, and the short addresses of a changed and
// a retired rule must pass axe-core, the Nu HTML checker, the link,
// anchor, footer, keyboard and layout checks.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { launch } from './lib/browser.js';
import {
  checkAnchors,
  checkAxe,
  checkFooters,
  checkHtml,
  checkKeyboard,
  checkLayout,
  checkLinks,
  readPages,
} from './lib/checks.js';
import { serve } from './lib/server.js';
import { REPO, copyProject, findPages, readSettings, removeTemp } from './lib/site.js';

const run = promisify(execFile);

async function rettleiar(root, ...args) {
  await run('cargo', ['run', '--locked', '--quiet', '--', ...args, '--root', root], {
    cwd: REPO,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** A copy of the project revised by «PS 12/2027» and built; its output. */
async function buildRevision() {
  const root = copyProject();
  await rettleiar(root, 'revise', '--case', 'PS 12/2027', '--adopted', '2027-03-01');
  for (const lang of ['nn', 'nb']) {
    const text = join('tests', 'fixtures', 'revision', 'source', lang, 'rettleiar.md');
    copyFileSync(join(REPO, text), join(root, 'source', lang, 'rettleiar.md'));
  }
  const en = join(root, 'source', 'en', 'rettleiar.md');
  const text = readFileSync(en, 'utf8');
  writeFileSync(en, text.replace('  status: unofficial\n', '  status: unofficial\n  version: 2013-09-23\n'));
  await rettleiar(root, 'anchors', 'accept');
  await rettleiar(root, 'anchors', 'retire', 'b4', '--reason', 'Teke inn i B5.');
  const out = join(root, 'public');
  await rettleiar(root, 'build', '--out', out);
  return { root, out };
}

/** The pages this suite is about (the site suite checks the others). */
const ABOUT = /(^|\/)\d{4}-\d{2}-\d{2}\/|^(nn|nb|en)\/index\.html$|^nn\/(a4|b4)\/index\.html$/;

let ctx;
let browser;
let server;

before(async () => {
  const { root, out } = await buildRevision();
  server = await serve(out);
  browser = await launch();
  const pages = findPages(out).filter((p) => ABOUT.test(p.rel));
  ctx = { root, out, origin: server.origin, pages, settings: readSettings(root) };
  ctx.facts = await readPages(browser, pages);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (ctx) removeTemp(ctx.root);
});

test('the revision has its version, history and «what changed» pages', () => {
  const rels = ctx.pages.map((p) => p.rel);
  for (const rel of [
    'nn/2013-09-23/index.html',
    'nn/2027-03-01/index.html',
    'nn/2027-03-01/changes.html',
    'nb/2027-03-01/changes.html',
    'en/2013-09-23/print.html',
  ]) {
    assert.ok(rels.includes(rel), `no ${rel} among ${rels}`);
  }
  assert.ok(!rels.some((r) => r.startsWith('en/2027-03-01/')), 'English has no text of 2027');
});

test('axe-core: no WCAG 2.1 A or AA violations, at 1280 and 320 px', async () => {
  assert.deepEqual(await checkAxe(browser, ctx), []);
});

test('the Nu HTML checker reports no errors', async () => {
  const { problems } = await checkHtml(ctx.out);
  assert.deepEqual(problems, []);
});

test('every href, src and fragment resolves inside the output', () => {
  assert.deepEqual(checkLinks(ctx), []);
});

test('every rule anchor shows its rule, every footer its links', async () => {
  assert.deepEqual(await checkAnchors(browser, ctx), []);
  assert.deepEqual(checkFooters(ctx), []);
});

test('reflow, text spacing, zoom and keyboard', async () => {
  assert.deepEqual(await checkLayout(browser, ctx), []);
  assert.deepEqual(await checkKeyboard(browser, ctx), []);
});
