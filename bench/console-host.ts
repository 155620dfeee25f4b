/**
 * Benchmark (issue 11): the console against the headless host, as an operator meets it. For a desk of 10,000
 * orders (30,000 past calls) and one of 100,000 orders (300,000 calls), the host is started as
 * `npm run serve` starts it, left to open (integrity check, the day's backup, the queue planned in the view
 * worker), and then:
 *  - first paint of the Queue in Debian's Chromium: from navigation to the first row of numbers to call on
 *    screen, in a fresh browser context each time (median of 7);
 *  - the host's resident memory idle, and after Queue reads (the page loads, then every tab of the Queue and
 *    a search, over the API), and its high-water mark.
 * Targets: first paint < 300 ms at 10,000 orders, < 500 ms at 100,000; RSS < 200 MB at 100,000, idle and
 * after Queue reads.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { QUEUE_TABS } from '../src/shared/contract';
import { RENDERER_BUILD_ARGS } from '../scripts/start-lib.mjs';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/e2e/chromium';
import { deskFolder } from './lib/desk-cache';
import { startHostProcess, type HostProcess } from './lib/host-process';
import { machineLine, report } from './report-line';

const ROOT = join(__dirname, '..');
const LOADS = 7;
const DESKS = [
  { orders: 10_000, calls: 30_000, paintTargetMs: 300 },
  { orders: 100_000, calls: 300_000, paintTargetMs: 500 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs in the page before the console: notes when the first row of numbers to call is painted (the task
 * after the animation frame that shows it), in milliseconds since the navigation began. For the breakdown it
 * also notes when the console's socket opened, when its first Queue page was asked for and answered (as the
 * page's main thread saw them), and when the rows went into the page; it only listens, so the console runs
 * as it does for an operator.
 */
const RECORD_FIRST_ROW = `
  window.firstRowSteps = {};
  const step = (name) => { window.firstRowSteps[name] ??= performance.now(); };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      step('socketCreated');
      this.addEventListener('open', () => step('socketOpen'));
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.includes('"plannedFor"')) step('queueAnswered');
      });
    }
    send(text) {
      if (typeof text === 'string' && text.includes('"method":"queue"')) step('queueAsked');
      return super.send(text);
    }
  };
  const rowsShown = () => document.querySelectorAll('[data-testid="queue-calls-row"]');
  const observer = new MutationObserver(() => {
    if (rowsShown().length === 0) return;
    observer.disconnect();
    step('rowsInPage');
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.firstRow = performance.now();
        window.firstRowCount = rowsShown().length;
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
`;

/** Moments of one load, in ms since navigation, for the breakdown printed under the figure. */
type Steps = Record<string, number>;

/** Read in the page once the first row is painted: the page's own timings and the steps noted above. */
const READ_STEPS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
  return {
    page: nav.responseEnd,
    scripts: Math.max(0, ...scripts.map((r) => r.responseEnd)),
    scriptBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
    scriptsRun: nav.domContentLoadedEventEnd,
    ...window.firstRowSteps,
    firstContentfulPaint: fcp ? fcp.startTime : NaN,
  };
})()`;

/** The breakdown's lines: each step's median over the loads, in the order a load goes through them. */
const STEP_WORDS: [string, string][] = [
  ['page', 'page loaded'],
  ['scripts', 'scripts loaded'],
  ['socketCreated', 'socket opening'],
  ['scriptsRun', 'scripts run (DOMContentLoaded)'],
  ['socketOpen', 'socket open'],
  ['queueAsked', 'Queue page asked'],
  ['firstContentfulPaint', 'first contentful paint'],
  ['queueAnswered', 'Queue page answered'],
  ['rowsInPage', 'rows in the page'],
];

function breakdown(loads: Steps[]): string {
  const parts = STEP_WORDS.map(([key, words]) => {
    const values = loads.map((load) => load[key]).filter((v): v is number => Number.isFinite(v));
    return values.length > 0 ? `${words} ${median(values).toFixed(0)}` : null;
  }).filter(Boolean);
  const kb = median(loads.map((load) => load.scriptBytes ?? 0)) / 1000;
  return `  (median ms after navigation: ${parts.join(', ')}; scripts ${kb.toFixed(0)} kB on the wire)`;
}

/** Milliseconds from navigation to the first row of the Queue painted, and the rows in the page then. */
async function firstPaint(
  browser: Browser,
  host: HostProcess,
): Promise<{ ms: number; rows: number; steps: Steps }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-IN' });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: RECORD_FIRST_ROW });
    await page.goto(`${host.url}#queue`);
    // Strings, not functions: tsx would wrap a function's body in helpers the page does not have. Polled
    // with evaluate: waitForFunction's string predicate is an eval, which the console's CSP refuses. The
    // moment is the page's own (window.firstRow), so the polling does not change what is measured.
    const deadline = Date.now() + 120_000;
    while (!(await page.evaluate('window.firstRow !== undefined'))) {
      if (Date.now() > deadline) throw new Error('the Queue showed no row in 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { ms, rows } = (await page.evaluate('({ ms: window.firstRow, rows: window.firstRowCount })')) as {
      ms: number;
      rows: number;
    };
    return { ms, rows, steps: (await page.evaluate(READ_STEPS)) as Steps };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  execFileSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', ...RENDERER_BUILD_ARGS],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    for (const size of DESKS) {
      const dataDir = deskFolder(size.orders, size.calls);
      const host = await startHostProcess(dataDir, { clockStart: '2026-11-24T11:20' });
      const label = `${size.orders / 1000}k-orders`;
      try {
        await host.api('stopScheduler');
        // The day's backup, or the one taken before upgrading a kept desk's schema (then no daily one is due).
        await host.waitForLine(/Daily backup|before upgrading its schema/);
        const opened = performance.now();
        await host.api('queue', { limit: 1 });
        console.log(
          `desk: ${size.orders.toLocaleString('en-IN')} orders, ${size.calls.toLocaleString('en-IN')} calls; the queue was ready ${((performance.now() - opened) / 1000).toFixed(1)} s after the backup`,
        );
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        const idle = host.memory();

        const paints: number[] = [];
        const steps: Steps[] = [];
        let rows = 0;
        for (let load = 0; load < LOADS; load += 1) {
          const paint = await firstPaint(browser, host);
          paints.push(paint.ms);
          steps.push(paint.steps);
          rows = Math.max(rows, paint.rows);
        }
        report({
          name: `queue-first-paint-${label}`,
          value: median(paints),
          unit: 'ms',
          target: { below: size.paintTargetMs },
        });
        console.log(
          `  (each load: ${paints.map((ms) => ms.toFixed(0)).join(', ')} ms; at most ${rows} rows in the page)`,
        );
        console.log(breakdown(steps));

        for (let round = 0; round < 3; round += 1) {
          for (const tab of QUEUE_TABS) await host.api('queue', { tab, limit: 200 });
          await host.api('queue', { search: `Customer ${round}` });
          await host.api('orders', { limit: 200 });
        }
        const afterReads = host.memory();
        report({ name: `host-rss-idle-${label}`, value: idle.rssMb, unit: 'MB', target: { below: 200 } });
        report({
          name: `host-rss-after-queue-reads-${label}`,
          value: afterReads.rssMb,
          unit: 'MB',
          target: { below: 200 },
        });
        report({ name: `host-rss-high-water-${label}`, value: afterReads.peakMb, unit: 'MB' });
      } finally {
        await host.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
