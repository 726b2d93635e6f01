// The browser checks. Each takes what it needs (the browser, the server's
// origin, the output folder, its pages) and returns a list of problems as
// readable strings: empty means the check passed. The tests assert on these
// lists, for the real site and for a deliberately broken one.

import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, sep } from 'node:path';
import { promisify } from 'node:util';

import { openPage, isLocal } from './browser.js';
import { fileFor } from './server.js';
import { walk } from './site.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');

/** The axe-core rule sets that make up WCAG 2.1 level AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** WCAG 1.4.12 text spacing, as in the usual «text spacing» bookmarklet. */
export const TEXT_SPACING_CSS = `
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
`;

/** The layouts every page must survive without scrolling sideways or clipping text. */
export const LAYOUTS = [
  { name: '320 px wide (WCAG 1.4.10 reflow)', viewport: { width: 320, height: 640 } },
  {
    name: '320 px wide with text spacing (WCAG 1.4.12)',
    viewport: { width: 320, height: 640 },
    spacing: true,
  },
  {
    name: '200% zoom (WCAG 1.4.4)',
    viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2,
  },
  {
    name: '1280 px wide with text spacing (WCAG 1.4.12)',
    viewport: { width: 1280, height: 800 },
    spacing: true,
  },
];

/**
 * Loads `url` in `page` and keeps the page there: a later navigation of
 * the page by itself (a `<meta http-equiv="refresh">`) is stopped, so every
 * check sees the page it was asked about.
 */
export async function visit(page, url) {
  const target = url.split('#')[0];
  if (!page.staying) {
    page.staying = true;
    await page.route(
      () => true,
      async (route) => {
        const req = route.request();
        if (
          req.isNavigationRequest() &&
          req.frame() === page.mainFrame() &&
          req.url().split('#')[0] !== page.target
        ) {
          await route.abort('aborted');
          page.stopped?.();
          return;
        }
        await route.fallback();
      },
    );
  }
  page.target = target;
  const stopped = new Promise((resolve) => {
    page.stopped = resolve;
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) {
    throw new Error(`${url}: HTTP ${response ? response.status() : 'no response'}`);
  }
  // A page that sends the reader on at once: wait until it has tried (and
  // been stopped), so that it cannot interrupt what comes next.
  const delay = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="refresh" i]');
    return meta ? parseFloat(meta.getAttribute('content')) : null;
  });
  if (delay !== null && delay <= 1) {
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
}

// ---------------------------------------------------------------------------
// What every page holds, read from the files with Chromium's own parser
// (DOMParser: nothing is loaded or run, and a page that redirects is read
// as it is).

/**
 * For each page (by `rel`): every address it refers to, every id, its
 * footer links, its rule anchors and its language.
 */
export async function readPages(browser, pages) {
  const page = await openPage(browser);
  const facts = new Map();
  try {
    for (const p of pages) {
      const html = readFileSync(p.file, 'utf8');
      facts.set(p.rel, await page.evaluate(readDocument, html));
    }
  } finally {
    await page.closeAll();
  }
  return facts;
}

// Runs in the browser: must not use anything from the module scope.
function readDocument(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const refs = [];
  const add = (el, attr, value) =>
    refs.push({ tag: el.localName, attr, value, rel: el.getAttribute('rel') });
  const urlsInCss = (css) => [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]);
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of ['href', 'src', 'poster', 'action', 'formaction', 'cite', 'xlink:href']) {
      if (el.hasAttribute(attr)) add(el, attr, el.getAttribute(attr));
    }
    if (el.localName === 'object' && el.hasAttribute('data')) add(el, 'data', el.getAttribute('data'));
    for (const attr of ['srcset', 'imagesrcset']) {
      if (!el.hasAttribute(attr)) continue;
      for (const part of el.getAttribute(attr).split(',')) {
        const u = part.trim().split(/\s+/)[0];
        if (u) add(el, attr, u);
      }
    }
    if (el.hasAttribute('style')) {
      for (const u of urlsInCss(el.getAttribute('style'))) add(el, 'style', u);
    }
    if (el.localName === 'style') {
      for (const u of urlsInCss(el.textContent)) add(el, 'style', u);
    }
    if (el.localName === 'meta' && /^refresh$/i.test(el.getAttribute('http-equiv') || '')) {
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') || '');
      if (m) add(el, 'content', m[1].trim());
    }
  }
  const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
  const names = [...doc.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
  // The page's footer (role contentinfo): a footer outside sectioning content.
  const footer = [...doc.querySelectorAll('footer')].find(
    (f) => !f.parentElement.closest('article, aside, main, nav, section'),
  );
  return {
    lang: doc.documentElement.getAttribute('lang'),
    base: doc.querySelector('base[href]')?.getAttribute('href') ?? null,
    refs,
    ids: [...ids, ...names],
    footer: footer ? [...footer.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')) : null,
    ruleIds: [...doc.querySelectorAll('ol.rules > li[id]')].map((e) => e.id),
  };
}

// ---------------------------------------------------------------------------
// Links

/**
 * Every address in every page and style sheet must lead somewhere real:
 * a file in the output (a folder only as `folder/`), an id in the target
 * page for a fragment, a `mailto:`/`tel:` address, or, for a link (`<a
 * href>`) only, one of the outside addresses the sources declare.
 */
export function checkLinks({ out, origin, pages, facts, settings }) {
  const problems = [];
  const idsOf = new Map([...facts].map(([rel, f]) => [rel, new Set(f.ids)]));
  const check = (where, ref, base) => {
    const what = `${where}: <${ref.tag} ${ref.attr}="${ref.value}">`;
    const value = ref.value.trim();
    if (value === '' || value === '#') {
      problems.push(`${what} leads nowhere`);
      return;
    }
    let url;
    try {
      url = new URL(value, base);
    } catch {
      problems.push(`${what} is not a valid address`);
      return;
    }
    if (url.protocol === 'mailto:' || url.protocol === 'tel:') {
      if (!url.pathname) problems.push(`${what} has no address`);
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`${what} uses ${url.protocol}`);
      return;
    }
    let path;
    if (url.origin === origin) {
      path = url.pathname;
    } else if (settings.baseUrl && url.href.startsWith(settings.baseUrl)) {
      // An absolute address of the published site (canonical, hreflang).
      path = new URL(url.href.slice(settings.baseUrl.length), origin + '/').pathname;
    } else {
      if (!(ref.tag === 'a' && ref.attr === 'href')) {
        problems.push(`${what} would load from another host`);
      } else if (!settings.externalLinks.has(value)) {
        problems.push(`${what} links to another host but is not declared in the sources`);
      }
      return;
    }
    const file = fileFor(out, path);
    if (!file) {
      const folder = fileFor(out, path.endsWith('/') ? path : path + '/');
      problems.push(
        folder
          ? `${what} names a folder without the closing / (write ${path}/)`
          : `${what}: ${path} does not exist in the output`,
      );
      return;
    }
    if (url.hash && file.endsWith('.html')) {
      const target = relative(out, file).split(sep).join('/');
      const id = decodeURIComponent(url.hash.slice(1));
      if (!idsOf.get(target)?.has(id)) {
        const shown = '/' + target.replace(/(^|\/)index\.html$/, '$1');
        problems.push(`${what}: ${shown} has no id «${id}»`);
      }
    }
  };
  for (const p of pages) {
    const f = facts.get(p.rel);
    const base = f.base ? new URL(f.base, origin + p.path).href : origin + p.path;
    for (const ref of f.refs) check(p.rel, ref, base);
  }
  for (const file of walk(out).filter((f) => f.endsWith('.css'))) {
    const rel = relative(out, file).split(sep).join('/');
    const css = readFileSync(file, 'utf8');
    const found = [
      ...[...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]),
      ...[...css.matchAll(/@import\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
    ];
    for (const value of found) {
      if (value.startsWith('data:')) continue;
      check(rel, { tag: 'css', attr: 'url', value }, `${origin}/${rel}`);
    }
  }
  return problems;
}

/** Every page's footer links to the accessibility statement and the contact address. */
export function checkFooters({ pages, facts, settings }) {
  const problems = [];
  for (const p of pages) {
    const footer = facts.get(p.rel).footer;
    if (!footer) {
      problems.push(`${p.rel}: has no page footer`);
      continue;
    }
    const statement = settings.statementFor(facts.get(p.rel).lang);
    if (!footer.includes(statement)) {
      problems.push(`${p.rel}: footer does not link to ${statement}`);
    }
    if (!footer.includes(`mailto:${settings.contactEmail}`)) {
      problems.push(`${p.rel}: footer does not link to mailto:${settings.contactEmail}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Loading: what each page requests, and how much

/**
 * Loads every page once and returns, per page, the URL of every request
 * Chromium made and the local files it loaded into the page.
 */
export async function loadPages(browser, { origin, out, pages }) {
  const loads = [];
  const page = await openPage(browser);
  let failed = [];
  page.on('response', (r) => {
    if (isLocal(r.url()) && r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  try {
    for (const p of pages) {
      // The server forbids caching, so every page requests all it needs.
      page.requests.length = 0;
      page.subresources.length = 0;
      failed = [];
      await visit(page, origin + p.path);
      const local = page.subresources.filter((u) => isLocal(u) && new URL(u).origin === origin);
      const files = [...new Set(local.map((u) => fileFor(out, new URL(u).pathname)).filter(Boolean))];
      loads.push({ page: p, requests: [...page.requests], failed, files });
    }
  } finally {
    await page.closeAll();
  }
  return loads;
}

/** No page makes a request to any host but 127.0.0.1, nor one that fails. */
export function checkRequests(loads) {
  const problems = [];
  for (const { page, requests, failed } of loads) {
    for (const u of requests) {
      if (!isLocal(u)) problems.push(`${page.rel}: requests ${u}`);
    }
    for (const f of failed) problems.push(`${page.rel}: ${f}`);
  }
  return problems;
}

/** Each page with everything it loads stays within `budget` bytes. */
export function checkWeight(loads, budget) {
  const problems = [];
  const weights = [];
  for (const { page, files } of loads) {
    const all = new Set([page.file, ...files]);
    const bytes = [...all].reduce((sum, f) => sum + statSync(f).size, 0);
    weights.push({ page: page.rel, bytes });
    if (bytes > budget) {
      problems.push(`${page.rel}: ${bytes} bytes with what it loads, over the budget of ${budget}`);
    }
  }
  return { problems, weights };
}

// ---------------------------------------------------------------------------
// axe-core

/** axe-core's WCAG 2.1 A and AA rules on every page, at each viewport width. */
export async function checkAxe(browser, { origin, pages }, widths = [1280, 320]) {
  const problems = [];
  const page = await openPage(browser);
  await page.context().addInitScript({ path: AXE });
  try {
    for (const p of pages) {
      await visit(page, origin + p.path);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        const result = await page.evaluate(
          (tags) =>
            window.axe.run(document, {
              runOnly: { type: 'tag', values: tags },
              resultTypes: ['violations'],
            }),
          WCAG_TAGS,
        );
        for (const v of result.violations) {
          const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
          problems.push(`${p.rel} @${width}px: ${v.id} (${v.impact}): ${v.help} — ${where}`);
        }
      }
    }
  } finally {
    await page.closeAll();
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Reflow, text spacing, zoom

/** No page scrolls sideways or clips text in any of LAYOUTS. */
export async function checkLayout(browser, { origin, pages }, layouts = LAYOUTS) {
  const problems = [];
  // One browser context per pixel density; the layouts are tried in turn
  // on each load of a page, text spacing last.
  const byScale = new Map();
  for (const layout of layouts) {
    const scale = layout.deviceScaleFactor ?? 1;
    if (!byScale.has(scale)) byScale.set(scale, []);
    byScale.get(scale).push(layout);
  }
  for (const [scale, group] of byScale) {
    group.sort((a, b) => Number(!!a.spacing) - Number(!!b.spacing));
    const page = await openPage(browser, { viewport: group[0].viewport, deviceScaleFactor: scale });
    try {
      for (const p of pages) {
        await visit(page, origin + p.path);
        let spaced = false;
        for (const layout of group) {
          await page.setViewportSize(layout.viewport);
          if (layout.spacing && !spaced) {
            await page.addStyleTag({ content: TEXT_SPACING_CSS });
            spaced = true;
          }
          for (const found of await page.evaluate(layoutProblems)) {
            problems.push(`${p.rel} at ${layout.name}: ${found}`);
          }
        }
      }
    } finally {
      await page.closeAll();
    }
  }
  return problems;
}

// Runs in the browser.
function layoutProblems() {
  const found = [];
  const name = (el) => {
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
    return `<${el.localName}${el.id ? '#' + el.id : ''}${cls}>${text ? ` «${text}»` : ''}`;
  };
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map(name);
    found.push(
      `scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px (${wide.join(', ')})`,
    );
  }
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    // Text hidden on purpose for screen readers only is 1×1 px.
    if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
    const hides = (v) => v === 'hidden' || v === 'clip';
    const clipsX = hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const clipsY = hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (clipsX || clipsY) {
      found.push(
        `${name(el)} hides part of its content (${el.scrollWidth}×${el.scrollHeight} px in ${el.clientWidth}×${el.clientHeight} px)`,
      );
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Keyboard

/**
 * On every page: the first Tab stop is a visible skip link to <main>, and
 * Enter on it moves focus (and the next Tab) into <main>, scrolled into
 * view. Then every link, reached by Tab, shows a focus outline or shadow
 * it does not have unfocused.
 */
export async function checkKeyboard(browser, { origin, pages }) {
  const problems = [];
  const page = await openPage(browser);
  try {
    for (const p of pages) {
      await visit(page, origin + p.path);
      problems.push(...(await skipLinkProblems(page)).map((s) => `${p.rel}: ${s}`));
      await visit(page, origin + p.path);
      problems.push(...(await focusProblems(page)).map((s) => `${p.rel}: ${s}`));
    }
  } finally {
    await page.closeAll();
  }
  return problems;
}

async function skipLinkProblems(page) {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const href = a.getAttribute('href') || '';
    const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    const r = a.getBoundingClientRect();
    return {
      html: a.outerHTML.slice(0, 80),
      href,
      toMain: !!target && target.localName === 'main',
      visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    };
  });
  if (!first.toMain) {
    return [`the first Tab stop is not a skip link to <main>: ${first.html}`];
  }
  const problems = [];
  if (!first.visible) problems.push('the skip link is not visible when focused');
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => {
    const main = document.querySelector('main');
    const r = main.getBoundingClientRect();
    return {
      hash: location.hash,
      focusInMain: main.contains(document.activeElement),
      inView: r.top >= -1 && r.top < innerHeight,
    };
  });
  if (after.hash !== first.href) problems.push(`Enter on the skip link did not go to ${first.href}`);
  if (!after.focusInMain) problems.push('Enter on the skip link did not move focus to <main>');
  if (!after.inView) problems.push('Enter on the skip link did not scroll <main> into view');
  await page.keyboard.press('Tab');
  if (!(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)))) {
    problems.push('after the skip link, Tab does not continue inside <main>');
  }
  return problems;
}

async function focusProblems(page) {
  const count = await page.evaluate(() => {
    const style = (el) => {
      const cs = getComputedStyle(el);
      return {
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        outlineShown: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
        shadow: cs.boxShadow,
      };
    };
    window.__focusCheck = {
      style,
      links: [...document.querySelectorAll('a[href], area[href]')].filter((el) => el.getClientRects().length > 0),
    };
    window.__focusCheck.unfocused = window.__focusCheck.links.map(style);
    return window.__focusCheck.links.length;
  });
  const seen = new Map();
  for (let i = 0; i < count + 20; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const { links, style } = window.__focusCheck;
      const index = links.indexOf(document.activeElement);
      return { index, style: index >= 0 ? style(document.activeElement) : null };
    });
    if (step.index < 0) {
      if (seen.size) break;
      continue;
    }
    if (seen.has(step.index)) break;
    seen.set(step.index, step.style);
  }
  const problems = [];
  const described = await page.evaluate(() =>
    window.__focusCheck.links.map((a, i) => ({ i, unfocused: window.__focusCheck.unfocused[i], html: a.outerHTML.slice(0, 90) })),
  );
  for (const { i, unfocused, html } of described) {
    const focused = seen.get(i);
    if (!focused) {
      problems.push(`${html} is never reached with Tab`);
      continue;
    }
    const outline = focused.outlineShown && focused.outline !== unfocused.outline;
    const shadow = focused.shadow !== 'none' && focused.shadow !== unfocused.shadow;
    if (!outline && !shadow) problems.push(`${html} shows no focus outline or shadow`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Rule anchors

/** Opening `<page>#<rule id>` shows that rule in the viewport, not covered. */
export async function checkAnchors(browser, { origin, pages, facts }) {
  const problems = [];
  const page = await openPage(browser);
  try {
    for (const p of pages) {
      for (const id of facts.get(p.rel).ruleIds) {
        await page.goto('about:blank');
        await visit(page, `${origin}${p.path}#${id}`);
        const r = await page.evaluate((id) => {
          const el = document.getElementById(id);
          const b = el.getBoundingClientRect();
          const hit = document.elementFromPoint(b.left + 4, b.top + 4);
          return {
            target: el.matches(':target'),
            inside: b.top >= -1 && b.left >= -1 && b.right <= innerWidth + 1 && (b.bottom <= innerHeight + 1 || Math.abs(b.top) <= 20),
            covered: !hit || !el.contains(hit),
            box: `${Math.round(b.top)}–${Math.round(b.bottom)} of ${innerHeight}`,
          };
        }, id);
        if (!r.target) problems.push(`${p.rel}#${id}: the rule is not the :target`);
        if (!r.inside) problems.push(`${p.rel}#${id}: the rule is not in the viewport (${r.box})`);
        else if (r.covered) problems.push(`${p.rel}#${id}: the rule is covered by another element`);
      }
    }
  } finally {
    await page.closeAll();
  }
  return problems;
}

// ---------------------------------------------------------------------------
// The Nu HTML checker

/** The W3C Nu HTML checker's errors for every page and style sheet. */
export async function checkHtml(out) {
  const files = walk(out).filter((f) => f.endsWith('.html') || f.endsWith('.css'));
  const java = process.env.JAVA || 'java';
  const args = ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout', '--also-check-css', ...files];
  const stdout = await new Promise((resolve, reject) => {
    execFile(java, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      // The checker exits 1 when it finds errors; it cannot run at all when
      // there is no JSON on stdout.
      if (err && !stdout.trim().startsWith('{')) reject(new Error(`${java} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
  const problems = [];
  for (const m of JSON.parse(stdout).messages) {
    const file = m.url ? relative(out, decodeURIComponent(new URL(m.url).pathname)).split(sep).join('/') : '?';
    problems.push(`${file}:${m.lastLine ?? '?'}: ${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}`);
  }
  return { problems, checked: files.length };
}
