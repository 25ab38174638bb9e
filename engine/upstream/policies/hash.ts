// 32-bit hashing for the hash-based policies: FNV-1a over the UTF-16 code units, finished with
// MurmurHash3's fmix32 avalanche. FNV alone leaves the low bits poorly mixed when keys differ only
// in their last character (127.0.0.10 vs 127.0.0.11), which is exactly what lab clients look
// like; the finalizer spreads every input bit over the whole word.
export function hash32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
