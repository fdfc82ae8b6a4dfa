/** The error a module loader throws when a package is simply not installed. */
export function isModuleNotFound(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (module|package)|Could not resolve|Failed to (resolve|load)|Failed to fetch dynamically/i.test(
      error.message,
    );
  return notFound && error.message.includes(specifier);
}

/**
 * Imports an optional peer dependency by name. Returns `undefined` when the package is not installed and
 * rethrows any other failure (a package that is installed but broken must not pass silently).
 */
export async function importOptional<T = Record<string, unknown>>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return undefined;
    throw error;
  }
}
