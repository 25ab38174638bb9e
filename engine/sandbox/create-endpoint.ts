// Builds the runtime for one endpoint spec (listener endpoints are built by the lab, which knows
// the listeners).
import type { EndpointSpec } from "../api/schema";
import type { EndpointContext } from "./endpoint-context";
import { HttpEndpoint } from "./http-endpoint";
import type { SandboxEndpoint } from "./sandbox-endpoint";
import { TcpEchoEndpoint } from "./tcp-echo-endpoint";

/** Creates and binds the endpoint (certificates issued first when it speaks TLS). */
export async function startSandboxEndpoint(spec: EndpointSpec, ctx: EndpointContext): Promise<SandboxEndpoint> {
  if (spec.kind === "listener") throw new Error("listener endpoints are built by the lab");
  const endpoint = spec.kind === "tcp-echo" ? new TcpEchoEndpoint(spec, ctx) : new HttpEndpoint(spec, ctx);
  try {
    await endpoint.start();
  } catch (err) {
    await endpoint.close();
    throw err;
  }
  return endpoint;
}
