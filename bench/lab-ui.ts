// UI benchmark (not a test): event-to-screen latency and frame rate of the live lab while traffic
// flows, measured in Debian's Chromium through Playwright against the production build and the
// real engine. Usage: `npx next build && npx tsx bench/lab-ui.ts`.
// Env: BENCH_UI_SCENARIO (default path-routing), BENCH_UI_LISTENER (edge-l7), BENCH_UI_RUNS (3).
//
// Event-to-screen latency: for each batch of events the page applies (one per animation frame),
// the oldest event's engine timestamp vs the clock at the start of the next frame, i.e. after the
// batch's frame was painted (components/lab/live/latency-probe.ts, enabled by ?instrument).
// Frame rate: requestAnimationFrame callbacks counted per second while a run is in flight.
import { chromium, type Page } from "@playwright/test";
import { table } from "./lib/table";
import { startBenchServer } from "./lab-ui-server";

const scenario = process.env.BENCH_UI_SCENARIO ?? "path-routing";
const listener = process.env.BENCH_UI_LISTENER ?? "edge-l7";
const runsAtFullRate = Number(process.env.BENCH_UI_RUNS ?? 3);

interface Phase {
  rate: number;
  requests: number;
  runs: number;
}
const phases: Phase[] = [
  { rate: 50, requests: 200, runs: 1 },
  { rate: 500, requests: 1000, runs: runsAtFullRate },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN;
};

async function setField(page: Page, label: string, value: string) {
  await page.getByRole("textbox", { name: label, exact: true }).fill(value);
}

async function measurePhase(page: Page, phase: Phase) {
  await page.getByLabel("Listener", { exact: true }).selectOption(listener);
  await setField(page, "Requests", String(phase.requests));
  await setField(page, "Clients", "8");
  await setField(page, "In flight", "16");
  await setField(page, "Rate (requests/s)", String(phase.rate));
  await setField(page, "Paths (cycled request by request)", "/api/users /api/orders");
  await page.getByLabel("Keep-alive (one connection per client)").check();
  const latencies: number[] = [];
  const fps: number[] = [];
  let events = 0;
  let ms = 0;
  let answers = 0;
  for (let i = 0; i < phase.runs; i++) {
    await page.evaluate("window.__layerlabLabMetrics.latencies = []; window.__layerlabLabMetrics.events = 0; window.__frames = [];");
    const t0 = Date.now();
    await page.getByRole("button", { name: "Run traffic" }).click();
    await page.getByRole("button", { name: "Running…" }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Run traffic" }).waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - t0;
    await page.waitForTimeout(300); // the stream's last events
    const sample = (await page.evaluate("({ m: window.__layerlabLabMetrics, frames: window.__frames })")) as { m: { latencies: number[]; events: number }; frames: number[] };
    latencies.push(...sample.m.latencies);
    events += sample.m.events;
    ms += elapsed;
    // Frames per whole second of the run (the partial last second is dropped).
    const start = sample.frames[0] ?? 0;
    for (let s = start; s + 1000 <= (sample.frames.at(-1) ?? 0); s += 1000) fps.push(sample.frames.filter((t) => t >= s && t < s + 1000).length);
    answers += Number((await page.getByTestId("run-summary").textContent())?.match(/(\d+) ok/)?.[1] ?? 0);
  }
  return { latencies, fps, events, ms, answers };
}

async function main(): Promise<void> {
  const server = await startBenchServer(Number(process.env.BENCH_UI_PORT ?? 3180), Number(process.env.BENCH_UI_ENGINE_PORT ?? 4180));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/labs/${scenario}?instrument`);
    await page.getByTestId("stream-status").and(page.locator('[data-status="live"]')).waitFor({ timeout: 60_000 });
    const skip = page.getByRole("button", { name: "Skip the prediction" });
    if (await skip.isVisible()) await skip.click();
    await page.getByTestId("lab-diagram").scrollIntoViewIfNeeded();
    // A string, not a function: tsx would wrap a named function in a helper the page lacks.
    await page.evaluate(`(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    // Baseline: the same page with no traffic, to show what this machine's headless Chromium
    // paints when nothing happens.
    await page.evaluate("window.__frames = []");
    await page.waitForTimeout(3000);
    const idleFrames = (await page.evaluate("window.__frames")) as number[];
    const idleFps: number[] = [];
    for (let s = idleFrames[0] ?? 0; s + 1000 <= (idleFrames.at(-1) ?? 0); s += 1000) idleFps.push(idleFrames.filter((t) => t >= s && t < s + 1000).length);
    const rows: (string | number)[][] = [["idle (no traffic)", "0", "0", "0", NaN, NaN, NaN, pct(idleFps, 50), Math.min(...idleFps), ""]];
    for (const phase of phases) {
      const r = await measurePhase(page, phase);
      const p95 = pct(r.latencies, 95);
      const fpsMedian = pct(r.fps, 50);
      rows.push([
        `${phase.rate}/s × ${phase.requests} × ${phase.runs}`,
        String(r.answers),
        String(Math.round((r.answers * 1000) / r.ms)),
        String(Math.round((r.events * 1000) / r.ms)),
        pct(r.latencies, 50),
        p95,
        pct(r.latencies, 99),
        fpsMedian,
        Math.min(...r.fps),
        phase.rate === 500 ? `${p95 <= 150 ? "ok" : "MISS"} (≤150) / ${fpsMedian >= 50 ? "ok" : "MISS"} (≥50)` : "",
      ]);
    }
    console.log(`\nLive lab UI, scenario ${scenario}, listener ${listener}, Chromium ${browser.version()}, 8 clients keep-alive, 16 in flight\n`);
    console.log(table(["rate × requests × runs", "answers", "req/s (wall)", "events/s", "e2s p50 ms", "e2s p95 ms", "e2s p99 ms", "fps median", "fps min", "targets (p95 / fps)"], rows));
    console.log("\ne2s = event-to-screen: engine event timestamp → start of the frame after the batch was painted (an upper bound).");
    console.log("req/s (wall) = answers ÷ time from clicking Run to the result on screen (includes the UI round trip).");
    console.log("events/s = events the browser applied; above ~500/s the engine samples per-request events (engine/events/sampler.ts).");
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
