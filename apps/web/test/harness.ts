import { existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

export const APP_ROOT = resolve(import.meta.dirname, '..');
export const DIST = join(APP_ROOT, 'dist');

/**
 * Where the tests write the screenshots and bundle sizes: the app's docs/ (shown in its README) under
 * UPDATE_WEB_DOCS=1, else a scratch folder, so that a test run leaves the checkout unchanged.
 */
export function docsOut(): string {
  const dir = process.env.UPDATE_WEB_DOCS === '1' ? join(APP_ROOT, 'docs') : join(tmpdir(), 'proj-web-docs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The Chromium the tests drive: $CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Whether the browser tests can run: skipped without Chromium, except on CI, where they must run. */
export const BROWSER_AVAILABLE = existsSync(CHROMIUM) || process.env.CI !== undefined;

/** Builds the static site into dist/ with the app's vite.config.ts (as `pnpm --filter web build`). */
export async function buildSite(): Promise<void> {
  await build({ configFile: join(APP_ROOT, 'vite.config.ts'), logLevel: 'error' });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
};

/** A plain static file server over `dir` on a free port: nothing but GET of files (the production setting). */
export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Headless Chromium with WebGL through SwiftShader (no GPU needed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

/** A page under test: its console errors and uncaught exceptions, and the bytes of every file it loaded. */
export interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
  /** Response body bytes per URL path (page, scripts, workers, wasm), for the bundle-size report. */
  readonly bytes: Map<string, number>;
}

/** Opens a page and records its console errors, uncaught exceptions and downloaded bytes. */
export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const errors: string[] = [];
  const bytes = new Map<string, number>();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.context().on('requestfinished', async (request) => {
    const { pathname } = new URL(request.url());
    if (request.url().startsWith('http')) bytes.set(pathname, (await request.sizes()).responseBodySize);
  });
  await page.goto(url);
  return { page, errors, bytes };
}

/** Total kB of the files a page loaded, by kind (js, wasm, other). */
export function bundleSize(bytes: ReadonlyMap<string, number>): { js: number; wasm: number; other: number } {
  const total = { js: 0, wasm: 0, other: 0 };
  for (const [path, size] of bytes) {
    const kind = path.endsWith('.js') ? 'js' : path.endsWith('.wasm') ? 'wasm' : 'other';
    total[kind] += size / 1000;
  }
  return total;
}

/** Waits until the page reports `done` (body[data-state]); throws with the page's status text on `error`. */
export async function waitDone(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), undefined, {
    timeout,
  });
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== 'done') throw new Error(`page error: ${await page.textContent('#status')}`);
}

/** The full-precision number an element shows (its data-value). */
export async function shownValue(page: Page, id: string): Promise<number> {
  const value = await page.getAttribute(`#${id}`, 'data-value');
  if (value === null) throw new Error(`#${id} shows no value`);
  return Number(value);
}

/**
 * Takes a screenshot and measures its pixel variance (grayscale, 0..255²), decoding the PNG in the page itself
 * (no image library in Node). A blank page has variance 0.
 */
export async function screenshotVariance(page: Page, path?: string): Promise<number> {
  const png = await page.screenshot(path === undefined ? {} : { path });
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let sumSquares = 0;
    const n = data.length / 4;
    for (let p = 0; p < n; p++) {
      const gray = (data[4 * p]! + data[4 * p + 1]! + data[4 * p + 2]!) / 3;
      sum += gray;
      sumSquares += gray * gray;
    }
    return sumSquares / n - (sum / n) ** 2;
  }, png.toString('base64'));
}

/**
 * Records what a page downloaded on a backend in bundle-sizes.json of {@link docsOut} (kB of response bodies, uncompressed:
 * the static server sends no compression), merged with the other pages' entries, for the README.
 */
export async function recordBundleSize(name: string, bytes: ReadonlyMap<string, number>): Promise<void> {
  const file = join(docsOut(), 'bundle-sizes.json');
  const sizes: Record<string, unknown> = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const { js, wasm, other } = bundleSize(bytes);
  sizes[name] = { js: Math.round(js), wasm: Math.round(wasm), other: Math.round(other), files: bytes.size };
  const sorted = Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
}
