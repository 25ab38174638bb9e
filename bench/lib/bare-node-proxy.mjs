// The calibration floor the targets were set against: a bare Node proxy with no
// routing, no events and no limits, run as its own process (as nginx and HAProxy are).
//   node bench/lib/bare-node-proxy.mjs l4|l7|l7-tls <listen port> <upstream port>
// l4: net + stream.pipe. l7: http.Server + http.request on a keep-alive http.Agent. l7-tls: the
// same behind https.Server, with the key and certificate chain (PEM) from BARE_TLS_KEY and
// BARE_TLS_CERT, and no session tickets, as the benchmark's TLS listener (bench-spec.ts).
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";

const [mode, listenPort, upPort] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];

if (mode === "l4") {
  net
    .createServer({ noDelay: true }, (down) => {
      const up = net.connect({ host: "127.0.0.1", port: upPort, noDelay: true });
      const close = () => (down.destroy(), up.destroy());
      down.on("error", close).on("close", close);
      up.on("error", close).on("close", close);
      down.pipe(up).pipe(down);
    })
    .listen(listenPort, "127.0.0.1");
} else {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const tls = mode === "l7-tls" ? { key: process.env.BARE_TLS_KEY, cert: process.env.BARE_TLS_CERT, secureOptions: crypto.constants.SSL_OP_NO_TICKET } : null;
  (tls ? https.createServer(tls) : http.createServer())
    .on("request", (req, res) => {
      const up = http.request({ host: "127.0.0.1", port: upPort, method: req.method, path: req.url, headers: req.headers, agent }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on("error", () => res.destroy());
      req.pipe(up);
    })
    .listen(listenPort, "127.0.0.1");
}
