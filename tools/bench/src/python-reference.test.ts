import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findTorchPython, runPythonReference, runTorchReference } from './python-reference.js';

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

it('finds no torch in a Python that does not exist, and then runs no torch reference', () => {
  expect(findTorchPython(['/nonexistent/python3'])).toBeUndefined();
});

it('runs a torch reference with one thread in the first Python that has torch, when there is one', () => {
  const python = findTorchPython();
  const script = join(scratch, 'torch_reference.py');
  writeFileSync(
    script,
    'import json, os, sys\nprint(json.dumps({"threads": os.environ["OMP_NUM_THREADS"], "arg": sys.argv[1]}))\n',
  );
  const run = runTorchReference<Record<string, string>>(script, ['y']);
  if (python === undefined) expect(run).toBeUndefined();
  else expect(run).toEqual({ python, result: { threads: '1', arg: 'y' } });
});
