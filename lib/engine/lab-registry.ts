import "server-only";

// The labs this site process created, per owner, and how many browser streams watch each. It
// enforces the per-viewer lab count and reclaims a viewer's abandoned labs first (a tab that died
// without its pagehide beacon leaves a lab nobody watches). In memory on purpose: LayerLab runs
// one site process, and after a restart the engine's own per-owner cap still holds.

interface Entry {
  owner: string;
  createdAt: number;
  lastUsedAt: number;
  streams: number;
}

// Route handlers are bundled separately, so module state is shared through globalThis.
const key = Symbol.for("layerlab.lab-registry");
const store = ((globalThis as Record<symbol, unknown>)[key] ??= new Map<string, Entry>()) as Map<string, Entry>;

export function registerLab(id: string, owner: string): void {
  const now = Date.now();
  store.set(id, { owner, createdAt: now, lastUsedAt: now, streams: 0 });
}

export function forgetLab(id: string): void {
  store.delete(id);
}

export function touchLab(id: string): void {
  const e = store.get(id);
  if (e) e.lastUsedAt = Date.now();
}

/** Marks a stream open; the returned function marks it closed (idempotent). */
export function watchLab(id: string): () => void {
  const e = store.get(id);
  if (e) {
    e.streams++;
    e.lastUsedAt = Date.now();
  }
  let done = false;
  return () => {
    if (done || !e) return;
    done = true;
    e.streams = Math.max(0, e.streams - 1);
    e.lastUsedAt = Date.now();
  };
}

export function labsOf(owner: string): Array<{ id: string; watched: boolean; lastUsedAt: number; ageMs: number }> {
  const now = Date.now();
  return [...store.entries()]
    .filter(([, e]) => e.owner === owner)
    .map(([id, e]) => ({ id, watched: e.streams > 0, lastUsedAt: e.lastUsedAt, ageMs: now - e.createdAt }));
}

/**
 * Labs to delete so the owner can create one more within `limit`: least recently used first,
 * only those no stream watches and that are past their first few seconds (a page still opening
 * its stream must not lose its lab). Null when that is not enough.
 */
export function labsToReclaim(owner: string, limit: number): string[] | null {
  const mine = labsOf(owner);
  const excess = mine.length - limit + 1;
  if (excess <= 0) return [];
  const idle = mine.filter((l) => !l.watched && l.ageMs > 5_000).sort((a, b) => a.lastUsedAt - b.lastUsedAt);
  return idle.length >= excess ? idle.slice(0, excess).map((l) => l.id) : null;
}
