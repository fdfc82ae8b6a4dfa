import { describeValue } from '../internal/describe.js';
import { isPositiveInteger } from '../shapes.js';

/**
 * Checks the input and output modes of a TT layer or kernel: two equally long, non-empty lists of positive
 * integers. Returns copies.
 *
 * @throws Error naming `fn` and `inputModes` or `outputModes`.
 */
export function modePair(inputModes: unknown, outputModes: unknown, fn: string): [number[], number[]] {
  const [input, output] = [modes(inputModes, 'inputModes', fn), modes(outputModes, 'outputModes', fn)];
  if (input.length !== output.length) {
    throw new Error(
      `${fn}: arguments 'inputModes' [${input.join(',')}] and 'outputModes' [${output.join(',')}] must have the same length`,
    );
  }
  return [input, output];
}

function modes(value: unknown, arg: string, fn: string): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPositiveInteger)) {
    throw new Error(
      `${fn}: argument '${arg}' must be a non-empty list of positive integers, got ${describeValue(value)}`,
    );
  }
  return [...value];
}
