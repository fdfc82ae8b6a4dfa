import { fileURLToPath } from 'node:url';
import { runReadmeCode } from '@proj/doc-test';
import { expect, it } from 'vitest';

it('runs the README linear algebra example as written', async () => {
  const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
  await expect(runReadmeCode(readme, 'Linear algebra (`@proj/core/linalg`)')).resolves.toBeDefined();
});
