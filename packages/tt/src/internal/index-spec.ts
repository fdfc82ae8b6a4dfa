import * as tf from '@tensorflow/tfjs-core';
import { jsonValue } from './describe.js';

/** What one index spec selects along an axis of size n, normalized: an entry, or a range with a step. */
export type Selection =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'range'; readonly start: number; readonly stop: number; readonly step: number };

/** The keys of a range spec. */
const RANGE_KEYS = ['start', 'stop', 'step'];

/**
 * Normalizes one index spec against an axis of `size` entries, with Python's rules: negative integers count
 * from the end; a range {start = 0, stop = size, step = 1} has its bounds clamped to [0, size]; null, 'all'
 * and undefined select everything.
 *
 * @throws Error naming `fn` and `what` (e.g. "mode 2") for a malformed spec, an integer out of range, a step
 *   that is not a positive integer, a range with a key other than start, stop and step, or a range that
 *   selects nothing.
 */
export function normalizeSpec(spec: unknown, size: number, fn: string, what: string): Selection {
  if (spec === null || spec === undefined || spec === 'all') return { kind: 'range', start: 0, stop: size, step: 1 };
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) throw new Error(`${fn}: index of ${what} must be an integer, got ${spec}`);
    if (spec < -size || spec >= size) {
      throw new Error(`${fn}: index ${spec} is out of range for ${what} of size ${size}`);
    }
    return { kind: 'index', index: spec < 0 ? spec + size : spec };
  }
  if (typeof spec === 'object' && !Array.isArray(spec)) {
    const unknown = Object.keys(spec).find((key) => !RANGE_KEYS.includes(key));
    if (unknown !== undefined) {
      throw new Error(
        `${fn}: the range of ${what} has an unknown key '${unknown}'; valid keys: ${RANGE_KEYS.join(', ')}`,
      );
    }
    const { start = 0, stop = size, step = 1 } = spec as { start?: unknown; stop?: unknown; step?: unknown };
    for (const [name, value] of [
      ['start', start],
      ['stop', stop],
    ] as const) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new Error(`${fn}: range ${name} of ${what} must be an integer, got ${jsonValue(value)}`);
      }
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 1) {
      throw new Error(`${fn}: range step of ${what} must be a positive integer, got ${jsonValue(step)}`);
    }
    const clamp = (bound: number) => Math.min(Math.max(bound < 0 ? bound + size : bound, 0), size);
    const [from, to] = [clamp(start as number), clamp(stop as number)];
    if (from >= to) {
      throw new Error(`${fn}: range ${jsonValue(spec)} selects nothing from ${what} of size ${size}`);
    }
    return { kind: 'range', start: from, stop: to, step };
  }
  throw new Error(
    `${fn}: the spec of ${what} must be an integer, a range {start, stop, step}, null or 'all', got ${jsonValue(spec)}`,
  );
}

/** Number of entries a selection keeps (1 for an index). */
export function selectionSize(selection: Selection): number {
  return selection.kind === 'index' ? 1 : Math.ceil((selection.stop - selection.start) / selection.step);
}

/**
 * The entries of `x` along `axis` that `selection` picks; the axis is kept (size 1 for an index). One
 * `tf.slice` (differentiable everywhere), or one `tf.gather` for a step > 1; nothing for a full range.
 */
export function selectAlong(x: tf.Tensor, axis: number, selection: Selection): tf.Tensor {
  const size = x.shape[axis]!;
  if (selection.kind === 'range' && selection.step > 1) {
    const indices = Array.from({ length: selectionSize(selection) }, (_, i) => selection.start + i * selection.step);
    return tf.gather(x, tf.tensor1d(indices, 'int32'), axis);
  }
  const start = selection.kind === 'index' ? selection.index : selection.start;
  const length = selectionSize(selection);
  if (start === 0 && length === size) return x;
  const begin = x.shape.map((_, i) => (i === axis ? start : 0));
  const extent = x.shape.map((s, i) => (i === axis ? length : s));
  return tf.slice(x, begin, extent);
}
