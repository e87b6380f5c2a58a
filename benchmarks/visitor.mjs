#!/usr/bin/env node
// A first-time visitor's page load of the sample site, in headless Chromium (see docs/performance.md).
//
//   cd benchmarks && npm install && node visitor.mjs          publishes and starts the sample itself
//   URL=http://127.0.0.1:5000/ node visitor.mjs               measures a site that already runs
//   RUNS=15 OUT=visitor.json node visitor.mjs                 more runs; the figures as JSON too
//
// Each run is a fresh browser context (no cookies): the first visit. Per run it records
//   * the bytes of ConsentKit's own JS and CSS (/_content/ConsentKit/): decoded, gzip -9 of that, and as served;
//   * when the banner (#consentkit) is first visible, against first contentful paint (FCP): both are read in
//     the page, the banner by a requestAnimationFrame probe (one frame, ~16.7 ms, of resolution); a banner
//     visible in a frame whose rAF ran at or before FCP was in the first paint;
//   * cumulative layout shift and long tasks (> 50 ms) over the first WINDOW_MS (3000) ms;
//   * whether the analytics snippet ran (window.__analyticsRan): it must not before consent.
// One warm-up run is discarded; the figures are medians. Every request not to 127.0.0.1 is aborted.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RUNS = positive(process.env.RUNS, 7);
const WINDOW_MS = positive(process.env.WINDOW_MS, 3000);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const LIBRARY = /\/_content\/ConsentKit\//;
const BANNER = '#consentkit';
const DEADLINE_MS = 10 * 60 * 1000; // the whole script, publish included

function positive(value, fallback) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive whole number, got '${value}'`);
  return n;
}

function isLoopback(url) {
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'about:';
  } catch {
    return false;
  }
}

const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Publishes the sample (Release) and starts it on a free loopback port; returns { url, stop }.
async function startSample() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consentkit-visitor-'));
  console.error('==> publishing the sample (Release)');
  const publish = spawnSync('dotnet', ['publish', path.join(ROOT, 'samples/ConsentKit.Sample/ConsentKit.Sample.csproj'),
    '-c', 'Release', '-o', path.join(dir, 'app'), '-nologo', '-v', 'quiet', '-tl:off'],
  { encoding: 'utf8', timeout: 8 * 60 * 1000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  if (publish.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`dotnet publish failed:\n${publish.stdout}\n${publish.stderr}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn('dotnet', ['ConsentKit.Sample.dll'], {
    cwd: path.join(dir, 'app'),
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', ASPNETCORE_URLS: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const t = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 10000);
        child.once('exit', () => { clearTimeout(t); resolve(); });
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 60000;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return { url, stop };
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the sample did not answer on ${url} within 60 s\n${stderr}`);
}

// Runs in the page before any of its scripts.
function probe(bannerSelector) {
  const state = { fcp: null, bannerVisibleAt: null, bannerInDomAt: null, cls: 0, longTasks: 0, longTaskMs: 0 };
  window.__ckProbe = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') state.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) state.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { state.longTasks += 1; state.longTaskMs += e.duration; }
  }).observe({ type: 'longtask', buffered: true });
  const visible = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  const tick = (t) => {
    const el = document.querySelector(bannerSelector);
    if (el && state.bannerInDomAt === null) state.bannerInDomAt = t;
    if (el && visible(el)) { state.bannerVisibleAt = t; return; }
    if (t < 15000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const external = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLoopback(u)) return route.continue();
    external.push(u);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(probe, BANNER);
  const page = await context.newPage();
  const assets = [];
  page.on('response', (response) => {
    if (LIBRARY.test(response.url())) assets.push(response);
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    await page.waitForTimeout(Math.max(0, WINDOW_MS - (await page.evaluate(() => performance.now()))));
    const result = await page.evaluate(() => ({ ...window.__ckProbe, analyticsRan: window.__analyticsRan === true }));
    const files = [];
    for (const response of assets) {
      const body = await response.body();
      const sizes = await response.request().sizes();
      files.push({
        path: new URL(response.url()).pathname,
        raw: body.length,
        gzip9: zlib.gzipSync(body, { level: 9 }).length,
        served: sizes.responseBodySize,
        encoding: (await response.headerValue('content-encoding')) || 'identity',
      });
    }
    return { ...result, files, external };
  } finally {
    await context.close();
  }
}

async function main() {
  const started = process.env.URL ? { url: process.env.URL, stop: async () => {} } : await startSample();
  const deadline = setTimeout(() => { console.error('ERROR: visitor.mjs took more than 10 minutes'); process.exit(2); }, DEADLINE_MS);
  deadline.unref();
  let browser;
  try {
    if (!isLoopback(started.url)) throw new Error(`URL must be on 127.0.0.1, got ${started.url}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
    console.error(`==> ${RUNS} first visits of ${started.url} (+1 warm-up)`);
    await visit(browser, started.url);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, started.url));
    report(started.url, runs);
  } finally {
    if (browser) await browser.close();
    await started.stop();
  }
}

function report(url, runs) {
  const last = runs[runs.length - 1];
  const js = last.files.filter((f) => f.path.endsWith('.js'));
  const css = last.files.filter((f) => f.path.endsWith('.css'));
  const sum = (files, key) => files.reduce((a, f) => a + f[key], 0);
  const delta = runs.map((r) => (r.bannerVisibleAt !== null && r.fcp !== null ? r.bannerVisibleAt - r.fcp : NaN));
  const inFirstPaint = runs.filter((r) => r.bannerVisibleAt !== null && r.fcp !== null && r.bannerVisibleAt <= r.fcp).length;
  const summary = {
    url,
    runs: runs.length,
    chromium: CHROMIUM,
    js: { raw: sum(js, 'raw'), gzip9: sum(js, 'gzip9'), served: sum(js, 'served'), encoding: js.map((f) => f.encoding).join(',') },
    css: { raw: sum(css, 'raw'), gzip9: sum(css, 'gzip9'), served: sum(css, 'served'), encoding: css.map((f) => f.encoding).join(',') },
    fcpMs: median(runs.map((r) => r.fcp)),
    bannerVisibleMs: median(runs.map((r) => r.bannerVisibleAt)),
    bannerMinusFcpMs: median(delta),
    bannerInFirstPaint: `${inFirstPaint}/${runs.length}`,
    cls: median(runs.map((r) => r.cls)),
    maxCls: Math.max(...runs.map((r) => r.cls)),
    longTasks: median(runs.map((r) => r.longTasks)),
    longTaskMs: median(runs.map((r) => r.longTaskMs)),
    analyticsRanBeforeConsent: runs.filter((r) => r.analyticsRan).length,
    externalRequestsBlocked: [...new Set(runs.flatMap((r) => r.external.map((u) => new URL(u).host)))],
  };
  const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);
  const lines = [
    `First visit of ${url}: ${runs.length} runs, medians (headless Chromium, ${os.cpus().length} cores shared with other work)`,
    '',
    '| what | value |',
    '|---|---|',
    `| ConsentKit JS (decoded / gzip -9 / served, ${summary.js.encoding || 'none'}) | ${summary.js.raw} / ${summary.js.gzip9} / ${summary.js.served} B |`,
    `| ConsentKit CSS (decoded / gzip -9 / served, ${summary.css.encoding || 'none'}) | ${summary.css.raw} / ${summary.css.gzip9} / ${summary.css.served} B |`,
    `| first contentful paint | ${ms(summary.fcpMs)} |`,
    `| banner first visible | ${ms(summary.bannerVisibleMs)} |`,
    `| banner visible − FCP (≤ 0: in the first paint) | ${ms(summary.bannerMinusFcpMs)} |`,
    `| runs with the banner in the first paint | ${summary.bannerInFirstPaint} |`,
    `| cumulative layout shift (median / max) | ${summary.cls.toFixed(4)} / ${summary.maxCls.toFixed(4)} |`,
    `| long tasks (count / total) | ${summary.longTasks} / ${ms(summary.longTaskMs)} |`,
    `| runs where analytics ran before consent | ${summary.analyticsRanBeforeConsent} |`,
    `| hosts blocked (not 127.0.0.1) | ${summary.externalRequestsBlocked.join(', ') || 'none'} |`,
  ];
  console.log(lines.join('\n'));
  if (process.env.OUT) fs.writeFileSync(process.env.OUT, JSON.stringify({ summary, runs }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
