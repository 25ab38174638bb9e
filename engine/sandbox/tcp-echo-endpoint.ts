// A raw TCP echo endpoint for non-HTTP traffic. It speaks first with one greeting line naming
// itself (as SMTP or SSH servers do), so a client behind an L4 listener learns which endpoint it
// reached without any HTTP; then it echoes every byte back. A PROXY v1 header, when present, is
// consumed and reported, never echoed. Faults: "error" answers `ERROR <status>` and closes;
// latency delays each echo.
import type net from "node:net";
import tls from "node:tls";
import type { FrontConnection } from "./connection-front";
import { SandboxEndpoint } from "./sandbox-endpoint";

/** "tcp-echo endpoint=<name> connection=<id>\n" — parsed by the traffic generator. */
export const greetingLine = (endpoint: string, connectionId: string) => `tcp-echo endpoint=${endpoint} connection=${connectionId}\n`;
export const GREETING_PATTERN = /^tcp-echo endpoint=([a-z][a-z0-9-]*) connection=(\S+)\n/;

export class TcpEchoEndpoint extends SandboxEndpoint {
  private secureContext: tls.SecureContext | null = null;

  protected override async prepare(): Promise<void> {
    if (!this.spec.tls) return;
    const { keyPem, certPem } = await this.ctx.ca.issue([this.serverName]);
    this.secureContext = tls.createSecureContext({ key: keyPem, cert: certPem });
  }

  protected override onAccept(socket: net.Socket, id: string): void {
    // Over TLS the greeting must wait for the handshake (it is sent in onReady).
    if (!this.spec.tls) socket.write(greetingLine(this.name, id));
  }

  protected override onReady(raw: net.Socket, conn: FrontConnection): void {
    let stream: net.Socket = raw;
    if (this.secureContext) {
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext });
      secure.on("error", () => {});
      secure.once("secure", () => secure.write(greetingLine(this.name, conn.id)));
      stream = secure;
    }
    let first = true;
    stream.on("data", (chunk: Buffer) => {
      this.requests++;
      if (first) {
        first = false;
        if (this.ctx.events.wants("endpoint.request"))
          this.ctx.events.emit({
            type: "endpoint.request",
            endpoint: this.name,
            connectionId: conn.id,
            method: "TCP",
            path: "",
            peer: conn.peer,
            encrypted: this.secureContext !== null,
            headers: {},
            proxyProtocol: conn.proxy?.raw ?? null,
          });
      }
      if (this.fault.mode === "error") {
        stream.end(`ERROR ${this.fault.status}\n`);
        return;
      }
      this.afterLatency(() => {
        if (!stream.destroyed) stream.write(chunk);
      });
    });
    stream.on("end", () => stream.end());
    if (stream === raw) raw.resume();
  }
}
