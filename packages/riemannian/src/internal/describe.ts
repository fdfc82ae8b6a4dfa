/** What a value is, for error messages: `null`, `a number`, `TensorTrainBatch`, ... */
export function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'an object';
  return `a ${typeof x}`;
}
