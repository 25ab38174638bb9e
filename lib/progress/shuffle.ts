// Deterministic shuffles. Quiz pages are prerendered, so an ordering item's starting order must
// be the same on the server and in the browser (no hydration mismatch) and must never be the
// answer itself; seeding by the item id gives both.

/** A 32-bit FNV-1a hash of a string, as the seed for `seededRandom`. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough to shuffle a handful of options. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(list: readonly T[], random: () => number = Math.random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A permutation of 0..n-1 that is not the identity (for n ≥ 2), stable for a given seed. */
export function scrambledOrder(n: number, seed: string): number[] {
  const identity = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return identity;
  const random = seededRandom(hashString(seed));
  for (let tries = 0; tries < 8; tries++) {
    const order = shuffled(identity, random);
    if (order.some((v, i) => v !== i)) return order;
  }
  // Vanishingly unlikely; a rotation is never the identity.
  return identity.map((i) => (i + 1) % n);
}
