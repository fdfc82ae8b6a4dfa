/**
 * Checks the options object of a public function: `undefined` or a plain object whose keys are all among
 * `keys`. A misspelt option would otherwise be ignored silently (`round(x, {maxTTrank: 4})` truncating
 * nothing). O(number of keys).
 *
 * @param fn the function, as errors name it.
 * @param options what the caller passed.
 * @param keys the valid option names.
 * @throws Error naming `fn`, the unknown key (with the valid key it most likely meant) and the valid keys;
 *   naming `assertOptions` when `fn` is not a non-empty string or `keys` not an array of strings.
 * @example
 * assertOptions('round', options, ['maxTTRank', 'epsilon']);
 */
export function assertOptions(fn: string, options: unknown, keys: readonly string[]): void {
  if (typeof fn !== 'string' || fn === '') {
    throw new Error(`assertOptions: argument 'fn' must be a non-empty string, got ${describeValue(fn)}`);
  }
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new Error(`assertOptions: argument 'keys' must be an array of strings, got ${describeValue(keys)}`);
  }
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${fn}: argument 'options' must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (keys.includes(key)) continue;
    const meant = keys.find((valid) => valid.toLowerCase() === key.toLowerCase());
    const hint = meant === undefined ? '' : ` (did you mean '${meant}'?)`;
    const valid = keys.length === 0 ? 'it takes no options' : `valid options: ${keys.join(', ')}`;
    throw new Error(`${fn}: unknown option '${key}'${hint}; ${valid}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string '${value}'` : typeof value;
}
