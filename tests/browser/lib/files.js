// The form of the site that works opened from disk (`build --file-links`):
// every page opened by Chromium from a file:// address, every address in
// it resolved as Chromium resolves it there, and each one must name a file
// (never a folder, which from disk shows a folder listing) and, with a
// fragment, an id in that file.

import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { openPage } from './browser.js';

/**
 * Opens every page from disk and checks every address in it; returns the
 * problems and how many addresses inside the output were checked.
 */
export async function checkFileForm(browser, { out, pages, facts }) {
  const problems = [];
  let checked = 0;
  const idsOf = new Map([...facts].map(([rel, f]) => [rel, new Set(f.ids)]));
  const page = await openPage(browser);
  try {
    for (const p of pages) {
      const url = pathToFileURL(p.file).href;
      await page.goto(url, { waitUntil: 'load' });
      // A short address sends the reader on at once: follow it and check
      // where it arrives.
      if (facts.get(p.rel).refs.some((r) => r.attr === 'content')) {
        await page.waitForURL((u) => u.href !== url, { waitUntil: 'load', timeout: 10_000 }).catch(() => {});
      }
      const seen = await page.evaluate(readOpened);
      const landed = new URL(page.url());
      if (landed.href !== url) {
        checked += 1;
        problems.push(...resolves(out, idsOf, `${p.rel} (sent on to)`, landed));
      }
      problems.push(...seen.unloaded.map((s) => `${p.rel}: the style sheet ${s} did not load from disk`));
      if (seen.listing) problems.push(`${p.rel}: shows a folder listing, not a page`);
      // Every address in the page as written, resolved against its file:// address.
      for (const ref of facts.get(p.rel).refs) {
        let target;
        try {
          target = new URL(ref.value.trim(), url);
        } catch {
          problems.push(`${p.rel}: ${ref.value} is not a valid address`);
          continue;
        }
        if (target.protocol !== 'file:') continue;
        checked += 1;
        problems.push(...resolves(out, idsOf, `${p.rel}: <${ref.tag} ${ref.attr}="${ref.value}">`, target));
      }
    }
  } finally {
    await page.closeAll();
  }
  return { problems, checked };
}

// Runs in the browser: what the opened page shows.
function readOpened() {
  return {
    unloaded: [...document.querySelectorAll('link[rel=stylesheet]')]
      .filter((l) => !l.sheet)
      .map((l) => l.getAttribute('href')),
    listing: !document.querySelector('main') && /^Index of /.test(document.title),
  };
}

/** Problems with a file:// address: it must name a file of the output, and an id in it. */
function resolves(out, idsOf, what, url) {
  const file = fileURLToPath(new URL(url.pathname, 'file://'));
  const rel = relative(out, file).split(sep).join('/');
  if (rel.startsWith('..')) return [`${what} leaves the output folder (${file})`];
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return [`${what}: ${rel} does not exist`];
  }
  if (stat.isDirectory()) return [`${what} names the folder ${rel || '.'}/, which from disk is a listing`];
  if (url.hash && rel.endsWith('.html')) {
    const id = decodeURIComponent(url.hash.slice(1));
    if (!idsOf.get(rel)?.has(id)) return [`${what}: ${rel} has no id «${id}»`];
  }
  return [];
}
