/** Row-major multi-index of flat position `index` in `shape`, for messages: `[1,2]`. */
export function formatIndex(index: number, shape: readonly number[]): string {
  if (shape.length === 0) return '[]';
  const coords: number[] = [];
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis]!;
    coords.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return `[${coords.join(',')}]`;
}

/** Short formatting of a number for messages. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : value.toPrecision(7);
}
