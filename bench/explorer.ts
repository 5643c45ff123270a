// `npm run bench -- explorer` (or `npx tsx bench/explorer.ts`): the tenant explorer in Chromium on a
// 50,000-tenant organization. Starts the simulator and the built app (`next start`) on free ports,
// waits for the first sync, signs in as the demo admin, then measures:
//   - LCP of `/` (PerformanceObserver "largest-contentful-paint"), warm server, 5 loads, median;
//   - keystroke → table updated: from the keydown in the search box to the first frame after the
//     grid shows the new view's rows, 8 keystrokes typed slowly (each the first after a pause, so
//     the debounce's leading edge fires at once), median and max; and the last keystroke of a fast
//     burst (the full 100 ms debounce, then request and render);
//   - long tasks (PerformanceObserver "longtask", > 50 ms) while scrolling the table: wheel
//     scrolling and scrollbar jumps that fetch new row windows, ungrouped and grouped; plus the
//     longest main-thread task's CPU time from a trace (stable when the machine is busy).
// Before measuring, annotations are put on every tenant through the real path (the export's ids,
// then POST /api/annotations/import as the demo admin; bench/support/annotations.ts): names on every
// subscription, owners on 60%, 1–3 of 40 tags each, notes on 10%; so every figure is with issue
// 15's annotations, and one more scroll run groups by tag.
// Last, Lighthouse on `/` (desktop and mobile profiles) and, as the same run's baseline, the mobile
// profile on /signin signed out (the app's smallest page).
// Targets: LCP ≤ 1.5 s, keystroke ≤ 150 ms, no long task while scrolling.
// EXPLORER_BENCH_URL=http://localhost:3000 measures an app already running (signed-in demo mode).
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEFAULT_VIEW, viewKey } from "../lib/tenants/view-params";
import { buildIfStale, freePort, startApp, waitFor } from "./support/app";
import { annotationsCsv, benchAnnotations } from "./support/annotations";

const TENANTS = 50_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LAUNCH_ARGS = [
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
];
const GOAL = { lcpMs: 1500, keystrokeMs: 150, longTaskMs: 50 };

/** One Lighthouse run: the category scores, the metrics behind performance, the host's CPU index. */
export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; speedIndexMs: number; cls: number };
  /** Lighthouse's own measure of this machine's CPU (its 4× slowdown assumes ≈ 1,000 or more). */
  benchmarkIndex: number;
}

export interface ExplorerBenchReport {
  tenants: number;
  lighthouse: LighthouseFigures;
  /** The same with Lighthouse's default (mobile) profile: a phone's screen, CPU and network. */
  lighthouseMobile: LighthouseFigures;
  /**
   * The baseline of the same run: the mobile profile on /signin (signed out), the app's smallest
   * page (the root layout and a form), so the figure above reads against what this machine allows.
   */
  lighthouseMobileBaseline: LighthouseFigures;
  lcpMs: { runs: number[]; median: number; element: string };
  keystrokeMs: { runs: number[]; median: number; max: number };
  keystrokeBurstMs: number[];
  scroll: {
    label: string;
    longTasks: number;
    maxLongTaskMs: number;
    longestTaskCpuMs: number;
    rowsScrolled: number;
  }[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** The app under test: EXPLORER_BENCH_URL, or a simulator + the built app of our own. */
async function startStack(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env.EXPLORER_BENCH_URL;
  if (given) return { url: given.replace(/\/+$/, ""), stop: async () => {} };
  await buildIfStale();
  const { startSimulator } = await import("../simulator/server");
  const demoKey = randomBytes(24).toString("base64url");
  const sim = await startSimulator({
    port: 0,
    tenants: TENANTS,
    subscriptions: 40,
    seed: 1,
    demoKey,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-bench-explorer-"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const app = startApp(
    {
      ...process.env,
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: "demo-client",
      QLIK_CLIENT_SECRET: "demo-secret",
      ATLAS_DEMO: "true",
      ATLAS_DEMO_KEY: demoKey,
      ATLAS_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      NEXTAUTH_URL: url,
      DATABASE_URL: `file:${path.join(dataDir, "atlas.db")}`,
      LOG_LEVEL: "warn",
    },
    port,
  );
  await waitFor("the app answering /api/health", 120_000, async () => {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode})`);
    return (await fetch(`${url}/api/health`)).ok ? true : undefined;
  });
  return {
    url,
    stop: async () => {
      app.kill("SIGTERM");
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/signin`);
  await page.getByRole("button", { name: /demo admin/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 60_000 });
  await waitFor("the first sync", 600_000, async () => {
    const res = await page.request.get(`${url}/api/sync`);
    if (!res.ok()) return undefined;
    const body = (await res.json()) as {
      snapshot: { takenAt: string | null; tenantCount: number };
    };
    return body.snapshot.takenAt && body.snapshot.tenantCount > 0 ? body.snapshot : undefined;
  });
  await seedAnnotations(page, url);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Annotations on every tenant, imported as the signed-in admin; a failure is printed, not fatal. */
async function seedAnnotations(page: Page, url: string): Promise<void> {
  try {
    const exported = await page.request.get(
      `${url}/api/tenants/export?columns=id,subscriptionId&format=json`,
    );
    if (!exported.ok()) throw new Error(`the export answered ${exported.status()}`);
    const list = (await exported.json()) as { id: string; subscriptionId: string | null }[];
    const csv = annotationsCsv(list, benchAnnotations(list));
    const started = performance.now();
    const res = await page.request.post(`${url}/api/annotations/import?dryRun=false`, {
      headers: { "content-type": "text/csv", origin: url },
      data: csv,
    });
    if (!res.ok()) throw new Error(`the import answered ${res.status()}: ${await res.text()}`);
    console.log(
      `  annotations on ${list.length.toLocaleString("en-US")} tenants imported in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    console.log(
      `  annotations not seeded (figures are without them): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Lighthouse 12.2.3 on `/`, signed in through the session cookie: the desktop preset, or its
 * default mobile profile (emulated phone, 4× CPU slowdown, slow 4G).
 */
async function lighthouseScores(
  url: string,
  cookieHeader: string | null,
  profile: "desktop" | "mobile",
): Promise<LighthouseFigures> {
  const { launch } = await import("chrome-launcher");
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", ...LAUNCH_ARGS],
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        extraHeaders: cookieHeader ? { Cookie: cookieHeader } : {},
      },
      profile === "desktop" ? desktopConfig : undefined,
    );
    const categories = result?.lhr.categories ?? {};
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const metric = (id: string) => result?.lhr.audits[id]?.numericValue ?? NaN;
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      metrics: {
        fcpMs: metric("first-contentful-paint"),
        lcpMs: metric("largest-contentful-paint"),
        tbtMs: metric("total-blocking-time"),
        speedIndexMs: metric("speed-index"),
        cls: metric("cumulative-layout-shift"),
      },
      benchmarkIndex: result?.lhr.environment.benchmarkIndex ?? NaN,
    };
  } finally {
    chrome.kill();
  }
}

/** "FCP 1.1 s, LCP 3.4 s, TBT 1,210 ms, SI 1.5 s, CLS 0.000; CPU benchmark index 1,850". */
function metricsLine({ metrics: m, benchmarkIndex }: LighthouseFigures): string {
  const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
  return `FCP ${s(m.fcpMs)}, LCP ${s(m.lcpMs)}, total blocking time ${Math.round(m.tbtMs).toLocaleString("en-US")} ms, speed index ${s(m.speedIndexMs)}, CLS ${m.cls.toFixed(3)}; Lighthouse's CPU benchmark index for this machine ${Math.round(benchmarkIndex).toLocaleString("en-US")}`;
}

/** Observers installed before any page script runs. */
function instrument() {
  const w = window as unknown as { __lcp: { t: number; el: string }; __longTasks: number[] };
  w.__lcp = { t: 0, el: "" };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
      const el = e.element;
      w.__lcp = {
        t: e.startTime,
        el: el
          ? `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""}`
          : "?",
      };
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
}

async function measureLcp(page: Page, url: string): Promise<{ t: number; el: string }> {
  await page.goto(url, { waitUntil: "load" });
  await page.getByTestId("tenant-grid").waitFor();
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __lcp: { t: number; el: string } }).__lcp);
}

// In-page code as plain text: tsx would otherwise wrap named closures in a helper the page lacks.
const WAIT_FOR_VIEW = `(expected) => new Promise((resolve, reject) => {
  let t0 = 0;
  const onKey = () => { t0 = performance.now(); };
  document.addEventListener("keydown", onKey, { capture: true });
  const observer = new MutationObserver(() => {
    const grid = document.querySelector("[data-testid=tenant-grid]");
    const empty = document.querySelector("[data-testid=empty-state]");
    const shown = grid && grid.dataset.viewKey === expected && grid.dataset.loading === undefined;
    if (!t0 || !(shown || (empty && !grid))) return;
    observer.disconnect();
    document.removeEventListener("keydown", onKey, { capture: true });
    const t1 = performance.now();
    requestAnimationFrame(() => setTimeout(() => resolve(Math.max(t1, performance.now()) - t0)));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-view-key", "data-loading"] });
  setTimeout(() => reject(new Error("no update for " + expected + " within 10 s")), 10000);
})`;

/**
 * Types `keys` into the focused search box (`gapMs` apart); ms from the last keydown to the frame
 * after the grid shows `expectedKey`.
 */
async function measureKeystrokes(
  page: Page,
  keys: string,
  expectedKey: string,
  gapMs = 0,
): Promise<number> {
  const done = page.evaluate(
    `(${WAIT_FOR_VIEW})(${JSON.stringify(expectedKey)})`,
  ) as Promise<number>;
  await page.waitForTimeout(20); // the listener is in place
  for (const [i, key] of [...keys].entries()) {
    if (i > 0) await page.waitForTimeout(gapMs);
    await page.keyboard.press(key);
  }
  return done;
}

/** CPU time of the renderer main thread's longest task while `run` runs (a trace's RunTask tdur). */
async function longestTaskCpuMs(
  browser: Browser,
  page: Page,
  run: () => Promise<void>,
): Promise<number> {
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
  });
  await run();
  const buffer = await browser.stopTracing();
  type TraceEvent = {
    name: string;
    ph: string;
    tid: number;
    tdur?: number;
    args?: { name?: string };
  };
  const parsed = JSON.parse(buffer.toString("utf8")) as
    { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find(
    (e) => e.name === "thread_name" && e.args?.name === "CrRendererMain",
  )?.tid;
  let longest = 0;
  for (const e of events)
    if (e.tid === main && e.ph === "X" && e.name === "RunTask")
      longest = Math.max(longest, (e.tdur ?? 0) / 1000);
  return longest;
}

async function scrollRun(browser: Browser, page: Page, label: string, path: string) {
  await page.goto(path, { waitUntil: "load" });
  const grid = page.getByTestId("tenant-grid");
  await grid.waitFor();
  await page.waitForTimeout(500);
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
  const box = await grid.boundingBox();
  if (!box) throw new Error("the grid has no box");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const height = await grid.evaluate((el) => el.scrollHeight);
  const cpuMs = await longestTaskCpuMs(browser, page, async () => {
    // Wheel scrolling, about 60 frames a second.
    for (let i = 0; i < 120; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(16);
    }
    // Scrollbar jumps: each lands on rows not loaded yet.
    for (let i = 1; i <= 20; i++) {
      await grid.evaluate((el, top) => el.scrollTo({ top }), Math.floor((height * i) / 21));
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(800);
  });
  const rowsScrolled = Math.round(height / 36);
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  return {
    label,
    longTasks: tasks.length,
    maxLongTaskMs: tasks.length ? Math.max(...tasks) : 0,
    longestTaskCpuMs: cpuMs,
    rowsScrolled,
  };
}

export async function runExplorerBench(): Promise<ExplorerBenchReport> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or npx playwright install chromium), or set CHROMIUM_PATH`,
    );
  const stack = await startStack();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  try {
    console.log(
      `  load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(", ")} (${os.cpus().length} cores)`,
    );
    const storageState = await signIn(browser, stack.url);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      storageState,
      colorScheme: "light",
    });
    await context.addInitScript(instrument);
    const page = await context.newPage();

    // LCP: one warm-up load (server JIT, route chunks), then five measured loads.
    await measureLcp(page, `${stack.url}/`);
    const lcps: { t: number; el: string }[] = [];
    for (let i = 0; i < 5; i++) lcps.push(await measureLcp(page, `${stack.url}/`));
    const lcpRuns = lcps.map((l) => l.t);
    const total = await page.getByTestId("tenant-count").textContent();
    console.log(`  organization: ${total?.trim()}`);
    console.log(
      `  LCP of /: median ${ms(median(lcpRuns))} (${lcpRuns.map(ms).join(", ")}); element ${lcps.at(-1)?.el}; goal ≤ ${GOAL.lcpMs} ms: ${median(lcpRuns) <= GOAL.lcpMs ? "met" : "NOT met"}`,
    );

    // Keystrokes, typed slowly (300 ms apart): each letter is a new search.
    const search = page.getByTestId("tenant-search");
    const keyRuns: number[] = [];
    for (const word of ["acme", "nord"]) {
      await search.fill("");
      await page.waitForTimeout(400);
      await search.focus();
      let typed = "";
      for (const letter of word) {
        typed += letter;
        keyRuns.push(await measureKeystrokes(page, letter, viewKey({ ...DEFAULT_VIEW, q: typed })));
        await page.waitForTimeout(300);
      }
    }
    console.log(
      `  keystroke → table updated (typed slowly): median ${ms(median(keyRuns))}, max ${ms(Math.max(...keyRuns))} (${keyRuns.map(ms).join(", ")}); goal ≤ ${GOAL.keystrokeMs} ms: ${median(keyRuns) <= GOAL.keystrokeMs ? "met" : "NOT met"}`,
    );
    // A burst (40 ms apart): the last keystroke waits out the whole 100 ms debounce.
    const burstRuns: number[] = [];
    for (const word of ["contoso", "fabrikam", "northwind"]) {
      await search.fill("");
      await page.waitForTimeout(400);
      await search.focus();
      burstRuns.push(
        await measureKeystrokes(page, word, viewKey({ ...DEFAULT_VIEW, q: word }), 40),
      );
    }
    console.log(
      `  last keystroke of a fast burst → table updated: median ${ms(median(burstRuns))} (${burstRuns.map(ms).join(", ")}; includes the 100 ms debounce)`,
    );

    // Scrolling.
    const scroll = [
      await scrollRun(browser, page, "ungrouped", `${stack.url}/`),
      await scrollRun(
        browser,
        page,
        "grouped by region → subscription",
        `${stack.url}/?group=region,subscription`,
      ),
      await scrollRun(browser, page, "grouped by tag", `${stack.url}/?group=tag`),
    ];
    for (const s of scroll)
      console.log(
        `  scroll ${s.label} (${s.rowsScrolled.toLocaleString("en-US")} rows tall): ${s.longTasks} long tasks${s.longTasks ? `, longest ${ms(s.maxLongTaskMs)}` : ""} (wall clock); longest main-thread task ${ms(s.longestTaskCpuMs)} of CPU; goal none over ${GOAL.longTaskMs} ms: ${s.longTasks === 0 ? "met" : "NOT met"}`,
      );
    const load = os.loadavg()[0] ?? 0;
    if (load > os.cpus().length)
      console.log(
        `  note: load average ${load.toFixed(1)} on ${os.cpus().length} cores while measuring: wall-clock figures include time the page waited for a core; CPU times do not`,
      );

    // Lighthouse last, on its own browser, so it measures the page and not the other runs.
    const cookieHeader = (storageState.cookies ?? []).map((c) => `${c.name}=${c.value}`).join("; ");
    const lh = await lighthouseScores(`${stack.url}/`, cookieHeader, "desktop");
    const lhMobile = await lighthouseScores(`${stack.url}/`, cookieHeader, "mobile");
    const lhBaseline = await lighthouseScores(`${stack.url}/signin`, null, "mobile");
    for (const [label, r] of [
      ["desktop", lh],
      ["mobile", lhMobile],
    ] as const) {
      const met = r.performance >= 90 && r.accessibility >= 95 && r.bestPractices >= 95;
      console.log(
        `  Lighthouse 12.2.3 (${label}) on /: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}; goal ≥ 90/95/95: ${met ? "met" : "NOT met"}`,
      );
      console.log(`    ${metricsLine(r)}`);
    }
    console.log(
      `  baseline, same run: Lighthouse (mobile) on /signin, signed out (the app's smallest page): performance ${lhBaseline.performance}; the explorer scores ${(lhMobile.performance / Math.max(1, lhBaseline.performance)).toFixed(2)}× of it`,
    );
    console.log(`    ${metricsLine(lhBaseline)}`);
    console.log(
      '    (docs/performance.md, "The explorer on a phone": what bounds the mobile score on such a machine)',
    );

    await context.close();
    return {
      lighthouse: lh,
      lighthouseMobile: lhMobile,
      lighthouseMobileBaseline: lhBaseline,
      tenants: TENANTS,
      lcpMs: { runs: lcpRuns, median: median(lcpRuns), element: lcps.at(-1)?.el ?? "?" },
      keystrokeMs: { runs: keyRuns, median: median(keyRuns), max: Math.max(...keyRuns) },
      keystrokeBurstMs: burstRuns,
      scroll,
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  runExplorerBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(
        `bench explorer failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
