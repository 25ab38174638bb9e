// What every sandbox endpoint gets from its lab.
import type { EventSink, IdSource, LabCertificateAuthority } from "../contracts";

export interface EndpointContext {
  labId: string;
  events: EventSink;
  ids: IdSource;
  ca: LabCertificateAuthority;
}

/** The default certificate name of a TLS endpoint (schema: `<name>.endpoints.lab`). */
export const defaultServerName = (endpoint: string) => `${endpoint}.endpoints.lab`;
