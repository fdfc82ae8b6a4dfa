import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The first ```ts code block under the Markdown heading `heading` (any level), up to the next heading.
 *
 * @throws Error when the section or its code block is missing.
 */
export function extractCodeBlock(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#{1,6}\s/.test(line) && line.replace(/^#+\s*/, '').trim() === heading);
  if (start < 0) throw new Error(`extractCodeBlock: no heading '${heading}'`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,6}\s/.test(line));
  const section = lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
  const match = /```(?:ts|typescript)\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error(`extractCodeBlock: no \`\`\`ts block under '${heading}'`);
  return match[1]!;
}

let runs = 0;

/**
 * Executes the quickstart of a README: writes its code block to a module next to the README (so that the
 * package's own imports resolve as they would for a user) and imports it. Each call uses a fresh module file, so a README
 * changed within one process runs anew. Resolves to the module.
 */
export async function runReadmeCode(readmePath: string, heading = 'Quickstart'): Promise<unknown> {
  const code = extractCodeBlock(readFileSync(readmePath, 'utf8'), heading);
  const slug = heading.toLowerCase().replace(/\W+/g, '-');
  const modulePath = join(dirname(readmePath), `.readme-${slug}-${process.pid}-${++runs}.tmp.ts`);
  writeFileSync(modulePath, code);
  try {
    return await import(/* @vite-ignore */ pathToFileURL(modulePath).href);
  } finally {
    rmSync(modulePath, { force: true });
  }
}
