import { fileURLToPath } from 'node:url';
import { runReadmeCode } from '@proj/doc-test';
import { expect, it } from 'vitest';

it('runs the README quickstart as written', async () => {
  await expect(runReadmeCode(fileURLToPath(new URL('../README.md', import.meta.url)))).resolves.toBeDefined();
});
