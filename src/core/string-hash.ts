/**
 * cyrb53 (public domain, bryc): two independent 32-bit hashes of a string, fast and well mixed. Not for
 * security; for tables keyed by a string too long, or too many, to keep.
 */
export function stringHashLanes(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** The two lanes as one 53-bit number, exact in a double. */
export function stringHash53(text: string): number {
  const [low, high] = stringHashLanes(text);
  return 4294967296 * (2097151 & high) + low;
}
