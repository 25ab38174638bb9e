// Relays the head of an endpoint's answer to an upgrade (normally `101 Switching Protocols`) with
// one header added — the sticky cookie the proxy issues, as it does on ordinary responses, so the
// client's later requests reach the endpoint that holds its WebSocket. After the head, bytes are
// the new protocol's and pass untouched.
import type { Duplex } from "node:stream";

/** A head longer than this without its blank line is not HTTP: both sides are closed. */
const MAX_HEAD_BYTES = 16 * 1024;
const END = Buffer.from("\r\n\r\n");

export function relayUpgradeHead(up: Duplex, down: Duplex, headerLine: string, done: () => void): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf(END);
    if (end < 0) {
      if (buffered.length > MAX_HEAD_BYTES) {
        up.destroy();
        down.destroy();
      }
      return;
    }
    up.removeListener("data", onData);
    up.pause();
    // The added line goes right after the last header line, before the blank line.
    down.write(Buffer.concat([buffered.subarray(0, end + 2), Buffer.from(`${headerLine}\r\n`, "latin1"), buffered.subarray(end + 2)]));
    done();
  };
  up.on("data", onData);
}
