// The L4 transports below the listener: an upstream that speaks first (an SMTP-style banner the
// moment it accepts, before the client sends a byte) and an upstream that refuses the connect.
// The libuv transport starts reading from the upstream socket before its connect completes, so
// these are the cases that would show a read arriving too early or a failed connect mishandled.
// The sandbox endpoints all wait for the client, hence a raw server here; the cluster around it
// is the minimum the transport asks of one.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ClusterMember, ClusterRuntime, EndpointRuntime } from "../../engine/contracts";
import type { L4Acceptor, L4Session, L4SessionOwner } from "../../engine/filters/l4/l4-transport";
import { listenLibuv } from "../../engine/filters/l4/libuv-transport";
import { listenNet } from "../../engine/filters/l4/net-transport";
import { connect, readAll, tcpTransports, waitFor } from "./core-helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw upstream: a banner on accept, then "bye" and a close when it reads QUIT. */
async function bannerServer(): Promise<number> {
  const server = net.createServer((s) => {
    s.write("220 hello from upstream\r\n");
    s.on("data", (d) => {
      if (d.toString().includes("QUIT")) s.end("221 bye\r\n");
    });
    s.on("error", () => s.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function clusterOf(port: number): { member: ClusterMember; cluster: ClusterRuntime; failures: string[] } {
  const endpoint = { name: "up", host: "127.0.0.1", port } as EndpointRuntime;
  const member: ClusterMember = { endpoint, weight: 1, healthy: true, active: 0 };
  const failures: string[] = [];
  const cluster = {
    name: "pool",
    members: [member],
    member: () => member,
    pick: () => null,
    acquire: () => {},
    release: () => {},
    reportFailure: (_m: ClusterMember, reason: string) => void failures.push(reason),
  } as unknown as ClusterRuntime;
  return { member, cluster, failures };
}

interface Recorded {
  connected: number;
  connectFailures: string[];
  finished: number;
  sessions: L4Session[];
}

async function proxyTo(transport: "libuv" | "net", port: number): Promise<{ acceptor: L4Acceptor; rec: Recorded; failures: string[] }> {
  const { member, cluster, failures } = clusterOf(port);
  const rec: Recorded = { connected: 0, connectFailures: [], finished: 0, sessions: [] };
  const owner: L4SessionOwner = {
    upstreamConnected: () => void rec.connected++,
    connectFailed: (s, endpoint, code) => {
      rec.connectFailures.push(`${endpoint}: ${code}`);
      s.destroy("no other endpoint");
    },
    finished: () => void rec.finished++,
  };
  let n = 0;
  const options = {
    maxConnections: 16,
    ids: { next: (prefix: string) => `${prefix}${++n}` },
    owner,
    onSession: (s: L4Session) => {
      rec.sessions.push(s);
      s.connect(member, cluster, { connectTimeoutMs: 2000, proxyHeader: null, initial: null });
    },
  };
  const acceptor = transport === "libuv" ? await listenLibuv({ ...options, sessionCount: () => rec.sessions.length - rec.finished }) : await listenNet(options);
  cleanups.push(async () => {
    for (const s of rec.sessions) s.destroy("test over");
    await acceptor.close();
  });
  return { acceptor, rec, failures };
}

describe.each(tcpTransports())("L4 transport on %s", (transport) => {
  it("relays an upstream's banner to a client that has sent nothing, then the rest of the exchange", async () => {
    const { acceptor, rec } = await proxyTo(transport, await bannerServer());
    const client = await connect(acceptor.port);
    const banner = await new Promise<string>((resolve) => client.once("data", (d) => resolve(d.toString())));
    expect(banner).toBe("220 hello from upstream\r\n");
    const rest = readAll(client);
    client.write("QUIT\r\n");
    expect((await rest).toString()).toBe("221 bye\r\n");
    await waitFor(() => rec.finished === 1, 5000, "the session to finish");
    expect(rec.connected).toBe(1);
    const s = rec.sessions[0]!;
    expect(s.upstreamBytes()).toEqual({ bytesIn: "220 hello from upstream\r\n221 bye\r\n".length, bytesOut: "QUIT\r\n".length });
    expect(s.reason).toBeNull();
  });

  it("reports a refused connect once, sends nothing and closes the client", async () => {
    const { acceptor, rec, failures } = await proxyTo(transport, await closedPort());
    const client = await connect(acceptor.port);
    const received = readAll(client);
    client.write("hello?");
    expect((await received).length).toBe(0);
    await waitFor(() => rec.finished === 1, 5000, "the session to finish");
    expect(rec.connectFailures).toEqual(["up: ECONNREFUSED"]);
    expect(failures).toEqual(["ECONNREFUSED"]);
    expect(rec.connected).toBe(0);
    expect(rec.sessions[0]!.upstreamBytes()).toEqual({ bytesIn: 0, bytesOut: 0 });
  });
});
