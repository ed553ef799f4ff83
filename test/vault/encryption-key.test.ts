import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { resolveAwsSecrets } from '../../src/config/aws-secrets.js';
import { loadConfig } from '../../src/config/load-config.js';
import {
  ENCRYPTION_KEY_FILE,
  existingVaultKeys,
  loadVaultKeys,
  readVaultKeys,
} from '../../src/vault/encryption-key.js';

const base64Key = () => randomBytes(32).toString('base64');

t.test('OMNI_ENCRYPTION_KEY and OMNI_ENCRYPTION_PREVIOUS_KEYS are read as 32-byte base64 keys', async (t) => {
  const [current, old1, old2] = [base64Key(), base64Key(), base64Key()];
  const config = loadConfig({ OMNI_ENCRYPTION_KEY: current, OMNI_ENCRYPTION_PREVIOUS_KEYS: `${old1}, ${old2}` });
  const keys = readVaultKeys(config);
  t.same(keys?.current, Buffer.from(current, 'base64'));
  t.same(keys?.previous, [Buffer.from(old1, 'base64'), Buffer.from(old2, 'base64')]);
  t.equal(readVaultKeys(loadConfig({})), undefined, 'no key configured');
});

t.test('a key that is not 32 bytes of base64 is an error naming its variable, not its value', async (t) => {
  const short = randomBytes(16).toString('base64');
  t.throws(() => readVaultKeys(loadConfig({ OMNI_ENCRYPTION_KEY: short })), {
    code: 'OMNI_ERR_CONFIG_INVALID',
    message: /^OMNI_ENCRYPTION_KEY must be 32 bytes/,
  });
  t.throws(() => readVaultKeys(loadConfig({ OMNI_ENCRYPTION_KEY: `${base64Key().slice(0, 40)}!!!=` })), {
    message: /OMNI_ENCRYPTION_KEY/,
  });
  t.throws(
    () => readVaultKeys(loadConfig({ OMNI_ENCRYPTION_KEY: base64Key(), OMNI_ENCRYPTION_PREVIOUS_KEYS: 'nope' })),
    { message: /^OMNI_ENCRYPTION_PREVIOUS_KEYS must be 32 bytes/ },
  );
});

t.test('embedded mode generates its key once into the data dir, readable by its owner only', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-key-'));
  const config = { ...loadConfig({}), dataDir };
  const first = await loadVaultKeys(config);
  const second = await loadVaultKeys(config);
  t.equal(first?.current.length, 32);
  t.same(second?.current, first?.current, 'the same key on the next start');
  const path = join(dataDir, ENCRYPTION_KEY_FILE);
  t.equal(statSync(path).mode & 0o777, 0o600);
  t.equal(readFileSync(path, 'utf8'), first?.current.toString('base64'));
});

t.test('a process with its own database gets no generated key', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-key-'));
  const config = { ...loadConfig({ DATABASE_URL: 'postgres://db/omni' }), dataDir };
  t.equal(await loadVaultKeys(config), undefined);
});

t.test('a command beside an embedded server uses the key it generated, and never generates one', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-key-'));
  const command = { ...loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5433/omni' }), dataDir };
  t.equal(existingVaultKeys(command), undefined, 'no server has generated one yet');
  t.notOk(existsSync(join(dataDir, ENCRYPTION_KEY_FILE)), 'nor did the command');
  const server = await loadVaultKeys({ ...loadConfig({}), dataDir });
  t.same(existingVaultKeys(command)?.current, server?.current, "the server's key");
  const configured = base64Key();
  t.same(
    existingVaultKeys({ ...loadConfig({ OMNI_ENCRYPTION_KEY: configured }), dataDir })?.current,
    Buffer.from(configured, 'base64'),
    'OMNI_ENCRYPTION_KEY wins',
  );
});

t.test('on AWS, OMNI_ENCRYPTION_KEY comes from the PLATFORM_SECRETS_ARN secret', async (t) => {
  const key = base64Key();
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:omni';
  const env = await resolveAwsSecrets({ PLATFORM_SECRETS_ARN: arn }, async () =>
    JSON.stringify({ OMNI_ENCRYPTION_KEY: key }),
  );
  t.same(readVaultKeys(loadConfig(env))?.current, Buffer.from(key, 'base64'));
});
