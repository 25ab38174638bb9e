// Runs the real engine (engine/main.ts as its own process, like `npm start` does) and plays a
// scenario's steps against it the way a learner would in the lab UI: the baseline run if any, the
// step's faults, then every preset; then evaluates the step's check on the real results and events.
// Only the engine's public contract (HTTP API + engine/api/schema.ts) is used.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { LabCreated, LabEvent, TrafficRun } from "@/engine/api/schema";
import { buildRecords, type LabRun } from "@/lib/labs/build-records";
import { evaluateCheck, type CheckOutcome } from "@/lib/labs/evaluate-check";
import { indexEvents } from "@/lib/labs/event-index";
import type { Scenario } from "@/lib/labs/load";

const root = path.resolve(import.meta.dirname, "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export class EngineHarness {
  private constructor(
    readonly base: string,
    private readonly token: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(): Promise<EngineHarness> {
    const port = await freePort();
    const token = randomBytes(18).toString("hex");
    const child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "engine/main.ts"], {
      cwd: root,
      env: { ...process.env, ENGINE_PORT: String(port), ENGINE_TOKEN: token },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const h = new EngineHarness(`http://127.0.0.1:${port}`, token, child);
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${h.base}/v1/health`).then((r) => r.ok, () => false)) return h;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    throw new Error("the engine did not start within 10 s");
  }

  async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + url, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "x-layerlab-owner": "scenario-test", ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** Collects the lab's events from its SSE stream until `stop()`. */
  follow(labId: string): { events: LabEvent[]; stop: () => void } {
    const events: LabEvent[] = [];
    const ctl = new AbortController();
    void (async () => {
      const res = await fetch(`${this.base}/v1/labs/${labId}/events`, { headers: { authorization: `Bearer ${this.token}`, "x-layerlab-owner": "scenario-test" }, signal: ctl.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buf += value;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split("\n").find((l) => l.startsWith("data: "));
          if (data) events.push(JSON.parse(data.slice(6)) as LabEvent);
        }
      }
    })().catch(() => undefined);
    return { events, stop: () => ctl.abort() };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

export interface StepReport {
  step: string;
  outcome: CheckOutcome;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays every step of the scenario on a fresh lab; returns each step's check outcome. */
export async function playScenario(h: EngineHarness, scenario: Scenario, settleMs = 1500): Promise<StepReport[]> {
  const lab = await h.call<LabCreated>("POST", "/v1/labs", scenario.spec);
  const stream = h.follow(lab.id);
  const reports: StepReport[] = [];
  try {
    await sleep(settleMs); // first health checks
    for (const step of scenario.steps) {
      const startId = stream.events.at(-1)?.id ?? 0;
      const runs: LabRun[] = [];
      const presets = step.presets.map((id) => scenario.presets.find((p) => p.id === id)!);
      const run = async (i: number) => {
        const p = presets[i];
        if (p) runs.push({ spec: p.traffic, run: await h.call<TrafficRun>("POST", `/v1/labs/${lab.id}/traffic`, p.traffic) });
      };
      if (step.baseline) await run(0);
      if (step.faults.length > 0) {
        for (const f of step.faults) await h.call("POST", `/v1/labs/${lab.id}/faults`, f);
        await sleep(settleMs); // health checks notice
      }
      for (let i = 0; i < presets.length; i++) await run(i);
      await sleep(300); // let the stream deliver the last events
      const records = buildRecords(runs, indexEvents(stream.events), scenario.spec);
      const outcome = evaluateCheck(step.check, { results: records, events: stream.events.filter((e) => e.id > startId) });
      reports.push({ step: step.id, outcome });
    }
  } finally {
    stream.stop();
    await h.call("DELETE", `/v1/labs/${lab.id}`).catch(() => undefined);
  }
  return reports;
}
