import * as z from 'zod';

/**
 * What an app's config schema is: a zod schema, made of strict objects (`z.strictObject`) so that a misspelt
 * or removed key is an error instead of being ignored.
 */
export type ConfigSchema<C> = z.ZodType<C>;

/** The parameter that makes every failure of a schema read `must be <what>`. */
const must = (what: string) => ({ error: `must be ${what}` });

/** An integer > 0. */
export const positiveInt = () => z.int(must('a positive integer')).positive(must('a positive integer'));

/** An integer ≥ 0. */
export const nonNegativeInt = () => z.int(must('a non-negative integer')).nonnegative(must('a non-negative integer'));

/** A finite number > 0. */
export const positiveNumber = () => z.number(must('a positive number')).positive(must('a positive number'));

/** A finite number ≥ 0. */
export const nonNegativeNumber = () =>
  z.number(must('a non-negative number')).nonnegative(must('a non-negative number'));

/**
 * Validates a parsed config against an app's schema and returns it typed.
 *
 * @throws Error with one line per problem, `<app> config: '<dotted.path>' <what was expected>, got <value>`;
 *   the dotted path is the one `--set` takes.
 */
export function parseConfig<C>(app: string, schema: ConfigSchema<C>, raw: unknown): C {
  const result = schema.safeParse(raw, { error: expectation });
  if (result.success) return result.data;
  throw new Error(formatIssues(app, result.error.issues, raw));
}

/** One line per issue (one per key for unknown keys), in the order zod reports them. */
export function formatIssues(app: string, issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const line = (path: readonly PropertyKey[], expected: string) =>
    `${app} config: '${path.map(String).join('.')}' ${expected}, got ${show(valueAt(raw, path))}`;
  return issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) =>
            line(
              [...issue.path, key],
              `is not a config field (unknown fields are errors${key === 'backend' ? '; pick the backend with --backend or PROJ_BACKEND' : ''})`,
            ),
          )
        : [line(issue.path, issue.message)],
    )
    .join('\n');
}

/** zod's per-parse error map: `must be ...` for the issues whose schema brings no message of its own. */
function expectation(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `is missing (must be ${typeName(issue.expected)})`;
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'must be a finite number';
      return `must be ${typeName(issue.expected)}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'array' || issue.origin === 'set') {
        const items = `${bound} item${Number(bound) === 1 ? '' : 's'}`;
        return issue.exact ? `must have exactly ${items}` : `must have ${small ? 'at least' : 'at most'} ${items}`;
      }
      if (issue.origin === 'string') return `must have ${small ? 'at least' : 'at most'} ${bound} characters`;
      return `must be ${small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'} ${bound}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${show(issue.values[0])}`
        : `must be one of ${issue.values.map(show).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'must match one of the allowed forms';
    case 'invalid_format':
      return `must be a ${issue.format}`;
    default:
      return undefined;
  }
}

function typeName(expected: string): string {
  const names: Readonly<Record<string, string>> = {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    array: 'a list',
    tuple: 'a list',
    object: 'an object',
    null: 'null',
  };
  return names[expected] ?? expected;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}
