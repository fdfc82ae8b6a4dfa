import { type MeasureOptions, measure } from './measure.js';

/**
 * One row of a side-by-side table: `op` (the case name, with `(B=size)` appended for batched cases),
 * `ours ms`, `<label> ms` and `ratio` = ours / reference (below 1: faster than the reference).
 */
export type ComparisonRow = Readonly<Record<string, string | number>>;

/** Options of {@link compareWithReference}. */
export interface CompareOptions {
  /** Batch size per case name, shown in the row label. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Name of the reference in the column header; default 'reference'. */
  readonly label?: string;
  /** Passed to {@link measure}. */
  readonly measure?: MeasureOptions;
}

/**
 * Times every case with {@link measure} and pairs its median with the reference median of the same name (e.g.
 * from {@link runPythonReference}), in the order of `cases`. Each case must force completion and free what it
 * allocates. Throws before timing anything if a case has no reference time.
 */
export async function compareWithReference(
  cases: Readonly<Record<string, () => unknown>>,
  reference: Readonly<Record<string, number>>,
  options: CompareOptions = {},
): Promise<ComparisonRow[]> {
  const missing = Object.keys(cases).filter((name) => typeof reference[name] !== 'number');
  if (missing.length > 0) {
    throw new Error(
      `compareWithReference: no reference time for ${missing.join(', ')}; the reference has ${Object.keys(reference).join(', ') || 'nothing'}`,
    );
  }
  const rows: ComparisonRow[] = [];
  for (const [name, fn] of Object.entries(cases)) {
    const { medianMs: ours } = await measure(fn, options.measure);
    const referenceMs = reference[name]!;
    const size = options.sizes?.[name];
    rows.push({
      op: size === undefined ? name : `${name} (B=${size})`,
      'ours ms': ours,
      [`${options.label ?? 'reference'} ms`]: referenceMs,
      ratio: ours / referenceMs,
    });
  }
  return rows;
}
