import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('formats a Markdown table with padded columns and significant digits', () => {
    expect(
      formatTable([
        { op: 'matMul', ms: 1.23456 },
        { op: 'conv2d', ms: 10 },
      ]),
    ).toBe(['| op     | ms    |', '| ------ | ----- |', '| matMul | 1.235 |', '| conv2d | 10    |'].join('\n'));
  });

  it('takes the union of the rows keys, leaves missing cells empty, and prints nothing for no rows', () => {
    expect(formatTable([{ a: 1 }, { b: 0.123456 }], 2)).toBe(
      ['| a   | b    |', '| --- | ---- |', '| 1   |      |', '|     | 0.12 |'].join('\n'),
    );
    expect(formatTable([])).toBe('');
  });
});
