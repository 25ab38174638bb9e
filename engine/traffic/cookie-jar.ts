// One cookie jar per simulated client, so proxy-issued stickiness cookies behave as they would in
// separate browsers. Deliberately small (RFC 6265 §5.2/§5.3 subset): every lab listener is one
// origin, so Domain and Path scoping are ignored; Max-Age/Expires are honoured, including the
// Max-Age=0 deletion a proxy uses to drop a stale sticky cookie.

interface Stored {
  value: string;
  expiresAt: number | null;
}

export class CookieJar {
  private readonly cookies = new Map<string, Stored>();

  /** Takes the response's Set-Cookie header lines. */
  store(setCookie: string[] | undefined, now = Date.now()): void {
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let expiresAt: number | null = null;
      for (const attr of attrs) {
        const [k, v = ""] = attr.split("=", 2).map((s) => s.trim());
        if (k?.toLowerCase() === "max-age" && /^-?\d+$/.test(v)) expiresAt = now + Number(v) * 1000;
        else if (k?.toLowerCase() === "expires" && expiresAt === null) {
          const t = Date.parse(v);
          if (!Number.isNaN(t)) expiresAt = t;
        }
      }
      if (expiresAt !== null && expiresAt <= now) this.cookies.delete(name);
      else this.cookies.set(name, { value, expiresAt });
    }
  }

  get(name: string, now = Date.now()): string | undefined {
    const c = this.cookies.get(name);
    if (!c) return undefined;
    if (c.expiresAt !== null && c.expiresAt <= now) {
      this.cookies.delete(name);
      return undefined;
    }
    return c.value;
  }

  /** The Cookie header: the spec's fixed cookies, then the jar (jar wins on the same name). */
  header(fixed: Record<string, string>, now = Date.now()): string | undefined {
    const merged = new Map(Object.entries(fixed));
    for (const name of [...this.cookies.keys()]) {
      const v = this.get(name, now);
      if (v !== undefined) merged.set(name, v);
    }
    if (merged.size === 0) return undefined;
    return [...merged].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
