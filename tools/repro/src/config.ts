import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** A parsed JSON configuration. */
export type Config = Record<string, unknown>;

/** Names of the configs an app ships (`configs/<name>.json`). */
export function listConfigs(configDir: string): string[] {
  return readdirSync(configDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => basename(file, '.json'))
    .sort();
}

/**
 * Loads a config by name (`smoke` → `configs/smoke.json`) or by path to a JSON file.
 *
 * @throws Error naming the path when a path (with a `/` or ending in `.json`) does not exist or is not a JSON
 *   object, and listing the available names when a name is unknown.
 */
export function loadConfig(configDir: string, nameOrPath: string): { name: string; config: Config } {
  const byName = join(configDir, `${nameOrPath}.json`);
  const path = existsSync(byName) ? byName : resolve(nameOrPath);
  const looksLikePath = /[\\/]/.test(nameOrPath) || nameOrPath.endsWith('.json');
  if (!existsSync(path) || !statSync(path).isFile()) {
    if (looksLikePath) {
      throw new Error(
        `config file '${path}' does not exist${existsSync(path) ? ' as a file' : ''} (--config ${nameOrPath}); configs by name: ${listConfigs(configDir).join(', ')}`,
      );
    }
    throw new Error(
      `unknown config '${nameOrPath}': use one of ${listConfigs(configDir).join(', ')} or a path to a JSON file`,
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`config file '${path}' is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`config file '${path}' must hold a JSON object`);
  }
  return { name: basename(path, '.json'), config: config as Config };
}

/**
 * Applies `key.path=value` overrides (from `--set`) to a copy of `config`. Values are parsed as JSON when
 * they can be (`3`, `true`, `[1,2]`), else kept as strings. A path must name an existing key, so that a
 * typo fails instead of being ignored.
 */
export function applyOverrides(config: Config, overrides: readonly string[]): Config {
  const result = structuredClone(config);
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) throw new Error(`--set expects key=value, got '${override}'`);
    const path = override.slice(0, eq).split('.');
    const raw = override.slice(eq + 1);
    let target: Record<string, unknown> = result;
    for (const [i, key] of path.entries()) {
      if (!(key in target)) {
        throw new Error(`--set ${override}: unknown key '${path.slice(0, i + 1).join('.')}'`);
      }
      if (i === path.length - 1) target[key] = parseValue(raw);
      else target = target[key] as Record<string, unknown>;
    }
  }
  return result;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
