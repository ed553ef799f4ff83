import t from 'tap';
import { isOmniError } from '../../src/errors.js';
import { importEmbedded } from '../../src/runtime/import-embedded.js';

t.test(
  'a package embedded mode needs, left out of the install, is reported by the variable that replaces it',
  async (t) => {
    const missing = 'omni-test-package-never-installed';
    const error = await importEmbedded(() => import(missing), missing, 'DATABASE_URL').catch((e: unknown) => e);
    t.ok(isOmniError(error, 'OMNI_ERR_RUNTIME_EMBEDDED_NOT_INSTALLED'));
    t.match(
      (error as Error).message,
      /^DATABASE_URL is unset, .*omni-test-package-never-installed.*: set DATABASE_URL$/,
    );
  },
);

t.test('an installed package loads as it is', async (t) => {
  const module = await importEmbedded(() => import('fauxqs'), 'fauxqs', 'MESSAGE_QUEUE_URL');
  t.type(module.buildApp, 'function');
});

t.test('any other failure while loading passes through unchanged', async (t) => {
  const broken = new Error('the package threw while loading');
  const error = await importEmbedded(() => Promise.reject(broken), 'fauxqs', 'MESSAGE_QUEUE_URL').catch((e) => e);
  t.equal(error, broken);
});
