// The engine under test, in its own process as nginx and HAProxy are: the benchmark lab twice,
// one LabManager with data-plane events off and one with them on and a live subscriber (with
// BENCH_CONTROL=1 both are off: the A/A check). Started by engine-process.ts, which it answers
// over the IPC channel: its ports once ready, then its CPU time and the frames its subscriber
// got, on request. Nothing of the benchmark's own work (spawning wrk, parsing, GC of the
// harness's objects) runs in this process, so its CPU is the engine's alone.
import { labSpecSchema } from "../../engine/api/schema";
import { LabManager } from "../../engine/lab/lab-manager";
import { BENCH_SPEC } from "./bench-spec";
import type { EngineReply, EngineRequest } from "./engine-process";

const send = (reply: EngineReply) => process.send!(reply);

async function main(): Promise<void> {
  const spec = labSpecSchema.parse(BENCH_SPEC);
  const off = new LabManager({ events: { dataPlane: false } });
  const on = new LabManager(process.env.BENCH_CONTROL === "1" ? { events: { dataPlane: false } } : {});
  const labOff = await off.create(spec, null);
  const labOn = await on.create(spec, null);
  let frames = 0;
  labOn.events.subscribe({ onEvent: () => void frames++, onClose: () => {} });

  process.on("message", (request: EngineRequest) => {
    if (request.type === "cpu") send({ type: "cpu", usage: process.cpuUsage() });
    else if (request.type === "frames") send({ type: "frames", frames });
    // Exits outright once the labs are closed: the shared sandbox thread would keep it alive.
    else if (request.type === "stop") void Promise.all([on.closeAll(), off.closeAll()]).finally(() => process.exit(0));
  });
  send({ type: "ready", off: labOff.ports(), on: labOn.ports() });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
