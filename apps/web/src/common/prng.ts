/**
 * Mulberry32 uniforms in [0, 1) from a 32-bit seed (the generator of tools/mnist): host-side picks that must be
 * the same in the browser and in Node, such as the entries that check a TT-cross. O(1) per draw.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
