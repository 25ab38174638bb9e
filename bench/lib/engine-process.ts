// Starts engine-under-test.ts as a child process and talks to it over IPC. The child runs with
// this process's own Node flags (tsx's loader, --expose-gc when given), so `tsx bench/engine.ts`
// and `node --import tsx bench/engine.ts` both work.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AlternateOptions, EventsWindow } from "./alternate-events";

export interface LabPorts {
  listeners: Record<string, number>;
  endpoints: Record<string, number>;
}

export type EngineRequest =
  | { type: "cpu" }
  | { type: "frames" }
  | { type: "events"; on: boolean }
  | { type: "alternate"; options: Omit<AlternateOptions, "control"> }
  | { type: "stop" };
export type EngineReply =
  | { type: "ready"; ports: LabPorts }
  | { type: "cpu"; usage: NodeJS.CpuUsage }
  | { type: "frames"; frames: number }
  | { type: "events" }
  | { type: "alternate"; windows: EventsWindow[] };

export interface EngineProcess {
  /** The benchmark lab's listeners and endpoints. */
  ports: LabPorts;
  /** Its main thread runs every listener; the sandbox endpoints have a thread of their own. */
  pid: number;
  /** Turns the lab's data-plane events on or off (under BENCH_CONTROL=1 they stay off). */
  setEvents(on: boolean): Promise<void>;
  /** The child's CPU time so far, µs. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Switches the lab's events on and off in timed windows (alternate-events.ts); call it while load runs. */
  alternateEvents(options: Omit<AlternateOptions, "control">): Promise<EventsWindow[]>;
  /** Event frames the lab's live subscriber has received. */
  frames(): Promise<number>;
  stop(): Promise<void>;
}

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "engine-under-test.ts");

function nextReply<T extends EngineReply["type"]>(child: ChildProcess, type: T): Promise<Extract<EngineReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: EngineReply) => {
      if (reply.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(reply as Extract<EngineReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off("message", onMessage);
      reject(new Error(`the engine under test exited (code ${code}) before answering "${type}"`));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function startEngineProcess(control: boolean): Promise<EngineProcess> {
  const child = fork(SCRIPT, [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_CONTROL: control ? "1" : "0" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextReply(child, "ready");
  const ask = <T extends "cpu" | "frames" | "events" | "alternate">(type: T, request: EngineRequest = { type } as EngineRequest) => {
    const reply = nextReply(child, type);
    child.send(request);
    return reply;
  };
  let eventsOn: boolean | null = null;
  return {
    ports: ready.ports,
    pid: child.pid!,
    setEvents: async (on) => {
      if (eventsOn === on) return;
      await ask("events", { type: "events", on });
      eventsOn = on;
    },
    alternateEvents: async (options) => {
      // The windows end with events off; the next setEvents must not skip its switch.
      eventsOn = null;
      return (await ask("alternate", { type: "alternate", options })).windows;
    },
    cpuUsage: async () => (await ask("cpu")).usage,
    frames: async () => (await ask("frames")).frames,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "stop" } satisfies EngineRequest);
        // A child that cannot close its labs in time is not left behind.
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
