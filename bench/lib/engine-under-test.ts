// The engine under test, in its own process as nginx and HAProxy are: the benchmark lab, with a
// live subscriber, whose data-plane events the benchmark turns on and off between runs
// (Lab.setDataPlaneEvents). One lab measured both ways: with two labs, one per setting, their
// different sockets and ports alone made the two differ by up to ~10% in an A/A check. With
// BENCH_CONTROL=1 the events stay off for "on" runs too: the A/A check of this setup.
// Started by engine-process.ts, which it answers over the IPC channel: its ports once ready,
// then, on request, its CPU time, the frames its subscriber got, the events switch, and the
// switching of events to and fro under load (alternate-events.ts). Nothing of the benchmark's
// own work (spawning wrk, parsing, GC of the harness's objects) runs in this process, so its CPU
// is the engine's alone.
import { labSpecSchema } from "../../engine/api/schema";
import { alternateEvents } from "./alternate-events";
import { LabManager } from "../../engine/lab/lab-manager";
import { BENCH_SPEC } from "./bench-spec";
import type { EngineReply, EngineRequest } from "./engine-process";

const send = (reply: EngineReply) => process.send!(reply);
const CONTROL = process.env.BENCH_CONTROL === "1";

async function main(): Promise<void> {
  const spec = labSpecSchema.parse(BENCH_SPEC);
  const labs = new LabManager();
  const lab = await labs.create(spec, null);
  await lab.setDataPlaneEvents(false);
  let frames = 0;
  lab.events.subscribe({ onEvent: () => void frames++, onClose: () => {} });

  process.on("message", (request: EngineRequest) => {
    if (request.type === "cpu") send({ type: "cpu", usage: process.cpuUsage() });
    else if (request.type === "frames") send({ type: "frames", frames });
    else if (request.type === "events") void lab.setDataPlaneEvents(request.on && !CONTROL).then(() => send({ type: "events" }));
    else if (request.type === "alternate") void alternateEvents(lab, { ...request.options, control: CONTROL }).then((windows) => send({ type: "alternate", windows }));
    // Exits outright once the lab is closed: the shared sandbox thread would keep it alive.
    else if (request.type === "stop") void labs.closeAll().finally(() => process.exit(0));
  });
  send({ type: "ready", ports: lab.ports() });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
