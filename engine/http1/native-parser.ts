// Node's own HTTP/1 parser (llhttp in C++), the one node:http runs on. `_http_common` has exported
// it since Node's early days and every HTTP/1 server in Node uses it, but there is no public
// constructor, so this is the one place that reaches for it. Both the server connections
// (requests) and the L7 listener's upstream connections (responses) parse with it.
import { createRequire } from "node:module";

export interface NativeParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  execute(data: Buffer): number | Error;
  finish(): undefined | Error;
  close(): void;
  /** Ends the parser's async resource so it can be initialised again (node:http's pool does). */
  free?(): void;
  /** Reads straight from a stream handle; results arrive at [kOnExecute]. */
  consume?(handle: object): void;
  unconsume?(): void;
  /** While in [kOnExecute]: a copy of the bytes just read. */
  getCurrentBuffer?(): Buffer;
  [key: number]: unknown;
}

export const { HTTPParser, methods } = createRequire(import.meta.url)("_http_common") as {
  HTTPParser: {
    new (): NativeParser;
    REQUEST: number;
    RESPONSE: number;
    kOnMessageBegin: number;
    kOnHeaders: number;
    kOnHeadersComplete: number;
    kOnBody: number;
    kOnMessageComplete: number;
    kOnExecute: number;
  };
  /** Method names by the parser's method index. */
  methods: string[];
};
