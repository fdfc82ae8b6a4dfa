import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runPythonReference } from './python-reference.js';

const scratch = mkdtempSync(join(tmpdir(), 'python-reference-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('runs a Python script with one OpenBLAS thread and parses the JSON it prints', () => {
  const script = join(scratch, 'reference.py');
  writeFileSync(
    script,
    'import json, os, sys\nprint(json.dumps({"threads": os.environ["OPENBLAS_NUM_THREADS"], "arg": sys.argv[1]}))\n',
  );
  expect(runPythonReference<Record<string, string>>(script, ['x'])).toEqual({ threads: '1', arg: 'x' });
});
