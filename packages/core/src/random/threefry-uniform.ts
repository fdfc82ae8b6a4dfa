/** Key parity constant of Threefry (Skein's C240). */
const KEY_PARITY = 0x1bd11bda;

/**
 * The third key word of Threefry-2x32 for the key (key0, key1): key0 ⊕ key1 ⊕ C240, as an int32 (the form
 * {@link threefryUniform} takes). Internal.
 */
export function threefryKeyParity(key0: number, key1: number): number {
  return KEY_PARITY ^ key0 ^ key1;
}

/**
 * The uniform in (0, 1) that {@link uniformStream} draws for the counter (counter0, counter1) under the key
 * (key0, key1, key2 = {@link threefryKeyParity}(key0, key1)): Threefry-2x32 with 20 rounds (bit-identical to
 * `threefryBlock`), its two words turned into 53 random bits plus half an ulp. Unrolled, on int32 words,
 * without allocation: the hot loop of the host samplers (about 4 per Gamma draw). O(1). Internal: inputs are
 * uint32 or int32 words by construction and are not checked.
 */
export function threefryUniform(key0: number, key1: number, key2: number, counter0: number, counter1: number): number {
  let x0 = (counter0 + key0) | 0;
  let x1 = (counter1 + key1) | 0;
  // Rounds 0–3 (rotations 13, 15, 26, 6), key injection 1.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + key1) | 0;
  x1 = (x1 + key2 + 1) | 0;
  // Rounds 4–7 (17, 29, 16, 24), injection 2.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + key2) | 0;
  x1 = (x1 + key0 + 2) | 0;
  // Rounds 8–11, injection 3.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + key0) | 0;
  x1 = (x1 + key1 + 3) | 0;
  // Rounds 12–15, injection 4.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + key1) | 0;
  x1 = (x1 + key2 + 4) | 0;
  // Rounds 16–19, injection 5.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + key2) | 0;
  x1 = (x1 + key0 + 5) | 0;
  return ((x0 >>> 5) * 67108864 + (x1 >>> 6) + 0.5) / 9007199254740992;
}
