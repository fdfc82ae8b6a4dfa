import { describe, expect, it } from 'vitest';
import { assertOptions } from './assert-options.js';

describe('assertOptions', () => {
  it('accepts undefined and objects with valid keys', () => {
    expect(() => assertOptions('round', undefined, ['maxTTRank'])).not.toThrow();
    expect(() => assertOptions('round', { maxTTRank: 4 }, ['maxTTRank', 'epsilon'])).not.toThrow();
    expect(() => assertOptions('round', {}, [])).not.toThrow();
  });

  it('names the function, the unknown key, the key it likely meant and the valid keys', () => {
    expect(() => assertOptions('round', { maxTTrank: 4 }, ['maxTTRank', 'epsilon'])).toThrow(
      "round: unknown option 'maxTTrank' (did you mean 'maxTTRank'?); valid options: maxTTRank, epsilon",
    );
    expect(() => assertOptions('full', { x: 1 }, [])).toThrow("full: unknown option 'x'; it takes no options");
  });

  it('rejects options that are not an object', () => {
    expect(() => assertOptions('round', 4, ['epsilon'])).toThrow(
      "round: argument 'options' must be an object, got number",
    );
    expect(() => assertOptions('round', null, ['epsilon'])).toThrow(
      "round: argument 'options' must be an object, got null",
    );
    expect(() => assertOptions('round', [1], ['epsilon'])).toThrow('got an array');
    expect(() => assertOptions('round', 'x', ['epsilon'])).toThrow("got the string 'x'");
  });

  it('names itself when fn or keys are not what it needs (issue 10)', () => {
    expect(() => assertOptions('' as never, {}, [])).toThrow(
      "assertOptions: argument 'fn' must be a non-empty string, got the string ''",
    );
    expect(() => assertOptions('round', { a: 1 }, 'a' as never)).toThrow(
      "assertOptions: argument 'keys' must be an array of strings, got the string 'a'",
    );
    expect(() => assertOptions('round', undefined, [1] as never)).toThrow(
      "assertOptions: argument 'keys' must be an array of strings",
    );
  });
});
