import { fileURLToPath } from 'node:url';
import { runReadmeCode } from '@proj/doc-test';
import { expect, it } from 'vitest';

it('runs the README special functions example as written', async () => {
  const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
  await expect(runReadmeCode(readme, 'Special functions (`@proj/core/special`)')).resolves.toBeDefined();
});
