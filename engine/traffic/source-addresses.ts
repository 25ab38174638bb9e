// Distinct client addresses: Linux routes all of 127.0.0.0/8 to loopback, so client i can bind
// 127.0.0.(10+i) and a proxy sees genuinely different source IPs (what source-IP hashing needs).
// Other systems (macOS) only configure 127.0.0.1; there every client shares it. We find out once,
// by trying, and say which in the traffic.start event.
import net from "node:net";

let detection: Promise<boolean> | null = null;

export const FIRST_CLIENT_OCTET = 10;

/**
 * Where the engine's own health checks connect from when distinct sources work: an endpoint
 * knows a probe by its peer address and keeps it out of the traffic counters. Below
 * FIRST_CLIENT_OCTET, so no traffic client ever has these. TCP and HTTP checks differ because
 * a TCP check is the connection itself, while an HTTP check is counted by its request.
 */
export const HEALTH_CHECK_SOURCES = { tcp: "127.0.0.2", http: "127.0.0.3" } as const;
export type ProbeSources = typeof HEALTH_CHECK_SOURCES;

/** The health checks' source addresses, or null where every socket shares 127.0.0.1. */
export async function healthCheckSources(): Promise<ProbeSources | null> {
  return (await distinctSourcesSupported()) ? HEALTH_CHECK_SOURCES : null;
}

export function clientAddress(index: number, distinct: boolean): string {
  return distinct ? `127.0.0.${FIRST_CLIENT_OCTET + index}` : "127.0.0.1";
}

/** True when a socket can use 127.0.0.x (x ≠ 1) as its local address. Cached for the process. */
export function distinctSourcesSupported(): Promise<boolean> {
  detection ??= new Promise<boolean>((resolve) => {
    const server = net.createServer((s) => s.destroy());
    server.on("error", () => resolve(false));
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      const client = net.connect({ host: "127.0.0.1", port, localAddress: clientAddress(1, true) });
      const done = (ok: boolean) => {
        client.destroy();
        server.close();
        resolve(ok);
      };
      client.once("connect", () => done(client.localAddress === clientAddress(1, true)));
      client.once("error", () => done(false));
    });
  });
  return detection;
}
