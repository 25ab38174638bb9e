// Cookie header parsing (RFC 6265 §5.4: "name=value" pairs separated by "; ") and the
// Set-Cookie the proxy issues for stickiness (HAProxy `cookie <name> insert indirect nocache`).

/** Lazily parsed: most requests never need their cookies. */
export function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  const raw = Array.isArray(header) ? header.join("; ") : header;
  for (const part of raw.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue; // RFC 6265 §5.4: the first occurrence wins.
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out[name] = value;
  }
  return out;
}

/**
 * The sticky cookie names the endpoint in clear (HAProxy's default too), so a learner can read
 * it in the browser; HttpOnly because scripts have no business with it, SameSite=Lax as browsers
 * assume anyway. No Max-Age means a session cookie, like HAProxy without `maxlife`.
 */
export function stickyCookie(name: string, endpoint: string, ttlSeconds: number | undefined, secure: boolean): string {
  return `${name}=${endpoint}; Path=/; HttpOnly; SameSite=Lax${ttlSeconds ? `; Max-Age=${ttlSeconds}` : ""}${secure ? "; Secure" : ""}`;
}
