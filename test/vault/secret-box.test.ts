import { randomBytes } from 'node:crypto';
import t from 'tap';
import { isOmniError } from '../../src/errors.js';
import { createSecretBox, sealedKeyId, vaultKeyId } from '../../src/vault/secret-box.js';

const key = () => randomBytes(32);

t.test('a sealed secret opens to itself and shows nothing of it', async (t) => {
  const box = createSecretBox({ current: key(), previous: [] });
  const sealed = box.seal('EAAG-the-access-token', 'channel:accessToken');
  t.match(sealed, /^v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/, 'v1.<keyId>.<iv>.<tag>.<ciphertext>, base64url');
  t.equal(sealedKeyId(sealed), box.keyId);
  t.notOk(sealed.includes('access-token'));
  t.equal(box.open(sealed, 'channel:accessToken'), 'EAAG-the-access-token');
});

t.test('sealing the same secret twice gives two different values (a fresh iv each time)', async (t) => {
  const box = createSecretBox({ current: key(), previous: [] });
  t.not(box.seal('same', 'c'), box.seal('same', 'c'));
});

t.test('the key id is the first 8 bytes of the key SHA-256, in hex', async (t) => {
  const k = Buffer.alloc(32, 1);
  t.equal(createSecretBox({ current: k, previous: [] }).keyId, vaultKeyId(k));
  t.equal(vaultKeyId(k), '72cd6e8422c407fb');
});

t.test('a value sealed for one column does not open as another', async (t) => {
  const box = createSecretBox({ current: key(), previous: [] });
  const sealed = box.seal('secret', 'channel:verifyToken');
  t.throws(() => box.open(sealed, 'channel:accessToken'), { code: 'OMNI_ERR_VAULT_UNREADABLE' });
});

t.test('a tampered value is refused, and the error holds no plaintext', async (t) => {
  const box = createSecretBox({ current: key(), previous: [] });
  const sealed = box.seal('plain-secret-value', 'c');
  const parts = sealed.split('.');
  const ciphertext = Buffer.from(parts[4], 'base64url');
  ciphertext[0] ^= 1;
  parts[4] = ciphertext.toString('base64url');
  try {
    box.open(parts.join('.'), 'c');
    t.fail('opened a tampered value');
  } catch (error) {
    t.ok(isOmniError(error, 'OMNI_ERR_VAULT_UNREADABLE'));
    t.notOk(String((error as Error).message).includes('plain'));
  }
  t.throws(() => box.open('not sealed at all', 'c'), { code: 'OMNI_ERR_VAULT_UNREADABLE' });
});

t.test('a value sealed with an unknown key names OMNI_ENCRYPTION_PREVIOUS_KEYS', async (t) => {
  const sealed = createSecretBox({ current: key(), previous: [] }).seal('s', 'c');
  const other = createSecretBox({ current: key(), previous: [] });
  t.throws(() => other.open(sealed, 'c'), {
    code: 'OMNI_ERR_VAULT_KEY_UNKNOWN',
    message: /OMNI_ENCRYPTION_PREVIOUS_KEYS/,
  });
});

t.test('after a key change, the previous key still opens what it sealed, and only the new one seals', async (t) => {
  const oldKey = key();
  const sealedBefore = createSecretBox({ current: oldKey, previous: [] }).seal('kept', 'c');
  const box = createSecretBox({ current: key(), previous: [oldKey] });
  t.equal(box.open(sealedBefore, 'c'), 'kept');
  t.notOk(box.isCurrent(sealedBefore), 'a rekey will re-seal it');
  const resealed = box.seal(box.open(sealedBefore, 'c'), 'c');
  t.ok(box.isCurrent(resealed));
});

t.test('a key of the wrong length is refused', async (t) => {
  t.throws(() => createSecretBox({ current: randomBytes(16), previous: [] }), { code: 'OMNI_ERR_CONFIG_INVALID' });
});
