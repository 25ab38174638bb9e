/**
 * The address to rate-limit on: the right-most X-Forwarded-For entry, which is the one added by
 * the nearest proxy. Next fills X-Forwarded-For with the socket address only when the request
 * has none, so a client talking to `next start` directly can choose this key; the per-email
 * limit is what stops guessing one account's password, and this one slows sprays from honest
 * proxies' clients. Put LayerLab behind a proxy that overwrites the header in production.
 */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? "unknown";
}
