import { describe, expect, it } from 'vitest';
import { type ClaimSpec, claim, formatClaim, formatNumber, formatTest, holds } from './claim.js';

const spec: ClaimSpec = {
  id: 'sact-saving',
  text: 'SACT saves FLOPs',
  reference: { kind: 'paper', value: 45, source: 'Table 2' },
  ours: 37.5,
  unit: '%',
  test: { op: '>=', bound: 30 },
};

describe('claim', () => {
  it('evaluates each kind of test both ways', () => {
    expect(holds(2, { op: '>', bound: 1 })).toBe(true);
    expect(holds(1, { op: '>', bound: 1 })).toBe(false);
    expect(holds(1, { op: '>=', bound: 1 })).toBe(true);
    expect(holds(0.9, { op: '>=', bound: 1 })).toBe(false);
    expect(holds(0.5, { op: '<', bound: 1 })).toBe(true);
    expect(holds(1, { op: '<', bound: 1 })).toBe(false);
    expect(holds(1, { op: '<=', bound: 1 })).toBe(true);
    expect(holds(1.1, { op: '<=', bound: 1 })).toBe(false);
    expect(holds(10.5, { op: 'within', target: 10, tolerance: 0.5 })).toBe(true);
    expect(holds(10.6, { op: 'within', target: 10, tolerance: 0.5 })).toBe(false);
    expect(holds(-10.9, { op: 'within', target: -10, tolerance: 0.1, relative: true })).toBe(true);
    expect(holds(-11.1, { op: 'within', target: -10, tolerance: 0.1, relative: true })).toBe(false);
  });

  it('never holds on a measurement that is NaN or infinite', () => {
    expect(holds(Number.NaN, { op: '<', bound: 1 })).toBe(false);
    expect(holds(Number.POSITIVE_INFINITY, { op: '>', bound: 1 })).toBe(false);
    expect(holds(Number.NEGATIVE_INFINITY, { op: '<', bound: 1 })).toBe(false);
    expect(claim({ ...spec, ours: Number.NaN }).holds).toBe(false);
  });

  it('adds whether the claim holds and keeps the spec', () => {
    expect(claim(spec)).toEqual({ ...spec, holds: true });
    expect(claim({ ...spec, ours: 20 }).holds).toBe(false);
  });

  it('refuses tests that cannot fail and malformed claims', () => {
    expect(() => claim({ ...spec, test: { op: '<', bound: Number.POSITIVE_INFINITY } })).toThrow(
      "claim 'sact-saving': test 'bound' must be a finite number (a test that cannot fail), got Infinity",
    );
    expect(() => claim({ ...spec, test: { op: 'within', target: 1, tolerance: Number.NaN } })).toThrow(
      "claim 'sact-saving': test 'tolerance' must be a finite number",
    );
    expect(() => claim({ ...spec, test: { op: 'within', target: 1, tolerance: -1 } })).toThrow(
      "claim 'sact-saving': test 'tolerance' must be >= 0, got -1",
    );
    expect(() => claim({ ...spec, id: 'Bad Id' })).toThrow(
      "claim: argument 'id' must be lower-case words joined by '-' or '.', got 'Bad Id'",
    );
    expect(() => claim({ ...spec, text: ' ' })).toThrow("claim 'sact-saving': 'text' must not be empty");
    expect(() => claim({ ...spec, reference: { kind: 'paper', value: Number.NaN, source: 'x' } })).toThrow(
      "claim 'sact-saving': 'reference.value' must be a finite number, got NaN",
    );
  });
});

describe('formatting', () => {
  it('prints numbers with 4 significant digits and marks the missing', () => {
    expect(formatNumber(1.23456)).toBe('1.235');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(1.5e-5)).toBe('1.50e-5');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('prints tests and claims', () => {
    expect(formatTest({ op: '>=', bound: 30 }, '%')).toBe('ours ≥ 30 %');
    expect(formatTest({ op: '<', bound: 1 }, 'x')).toBe('ours < 1 x');
    expect(formatTest({ op: 'within', target: 0.25, tolerance: 0.1, relative: true })).toBe('ours within 10 % of 0.25');
    expect(formatTest({ op: 'within', target: 3, tolerance: 0.5 }, 'nats')).toBe('ours within 0.5 nats of 3 nats');
    expect(formatClaim(claim(spec))).toBe(
      'HOLDS  sact-saving: SACT saves FLOPs — ours 37.5 % (paper 45 %, Table 2; test ours ≥ 30 %)',
    );
    expect(formatClaim(claim({ ...spec, ours: 1, reference: null, detail: 'why' }))).toBe(
      'FAILS  sact-saving: SACT saves FLOPs — ours 1 % (test ours ≥ 30 %)\n       why',
    );
  });
});
