// Bearer-token check for the control API (RFC 6750 §2.1). Both sides are hashed first so the
// comparison takes the same time whatever the lengths — timingSafeEqual alone throws on a length
// mismatch, which would leak the token's length.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function createBearerCheck(token: string): (req: IncomingMessage) => boolean {
  const expected = digest(token);
  return (req) => {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    // Compare even when the header is malformed, so timing does not tell the two cases apart.
    const ok = timingSafeEqual(digest(match?.[1] ?? ""), expected);
    return ok && match !== null;
  };
}

export const MIN_TOKEN_LENGTH = 16;
