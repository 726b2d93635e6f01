// Headless Chromium (the system's, never a downloaded one), driven by
// Playwright. Every page is opened in a fresh context that records each
// request and lets only requests to 127.0.0.1 through.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-domain-reliability',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
    ],
  });
}

/** Whether a request URL stays on this machine (or loads nothing). */
export function isLocal(url) {
  const u = new URL(url);
  if (['data:', 'about:', 'blob:', 'file:'].includes(u.protocol)) return true;
  return u.hostname === '127.0.0.1';
}

/**
 * A fresh page with `options` (viewport, deviceScaleFactor …). Its
 * `requests` array collects the URL of every request the page makes,
 * `subresources` those that load into the page (not navigations);
 * requests to other hosts are recorded and then refused.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    ...options,
  });
  await context.route(
    () => true,
    (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')),
  );
  const page = await context.newPage();
  page.requests = [];
  page.subresources = [];
  page.on('request', (r) => {
    page.requests.push(r.url());
    if (!r.isNavigationRequest()) page.subresources.push(r.url());
  });
  page.closeAll = () => context.close();
  return page;
}
