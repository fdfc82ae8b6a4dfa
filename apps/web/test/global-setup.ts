import type { TestProject } from 'vitest/node';
import { BROWSER_AVAILABLE, buildSite, DIST, serveStatic } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built site on a local static server ('' when the browser tests are skipped). */
    siteUrl: string;
  }
}

/** Builds the site once for all browser test files and serves dist/ as plain static files. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!BROWSER_AVAILABLE) {
    project.provide('siteUrl', '');
    return async () => {};
  }
  await buildSite();
  const server = await serveStatic(DIST);
  project.provide('siteUrl', server.url);
  return server.close;
}
