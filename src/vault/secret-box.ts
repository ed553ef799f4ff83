import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { OmniError } from '../errors.js';

/** The keys a box seals and opens with: the current one seals; older ones only open (and are rekeyed away). */
export interface VaultKeys {
  current: Buffer;
  previous: readonly Buffer[];
}

/**
 * Seals secrets for storage: AES-256-GCM, `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * Each sealed value is bound to a context (the column it is stored in, such as `channel:access_token`)
 * through GCM's additional data, so a value copied into another column does not open there.
 */
export interface SecretBox {
  /** The current key's id: the first 8 bytes of its SHA-256, in hex. */
  readonly keyId: string;
  seal(plain: string, context: string): string;
  /** The plaintext; a sealed value altered, bound to another context or sealed by an unknown key throws. */
  open(sealed: string, context: string): string;
  /** Whether `sealed` was sealed with the current key (rekey re-seals the others). */
  isCurrent(sealed: string): boolean;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key's id, stored beside each ciphertext so the key it needs can be found after a rotation. */
export function vaultKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');
}

/** The key id a sealed value names, or undefined when it is not a sealed value at all. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

function unreadable(why: string): OmniError {
  // Never the value itself: a sealed string is safe to show, but a mistaken plaintext is not.
  return new OmniError('OMNI_ERR_VAULT_UNREADABLE', `A stored secret cannot be opened: ${why}`);
}

export function createSecretBox(keys: VaultKeys): SecretBox {
  for (const key of [keys.current, ...keys.previous]) {
    if (key.length !== KEY_BYTES) throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'an encryption key must be 32 bytes');
  }
  const keyId = vaultKeyId(keys.current);
  const byId = new Map<string, Buffer>([[keyId, keys.current]]);
  for (const key of keys.previous) if (!byId.has(vaultKeyId(key))) byId.set(vaultKeyId(key), key);

  return {
    keyId,
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [VERSION, keyId, ...parts].join('.');
    },
    open(sealed, context) {
      const id = sealedKeyId(sealed);
      if (id === undefined) throw unreadable(`it is not a ${VERSION} sealed value`);
      const key = byId.get(id);
      if (!key) {
        throw new OmniError(
          'OMNI_ERR_VAULT_KEY_UNKNOWN',
          `A stored secret was sealed with key ${id}, which is neither OMNI_ENCRYPTION_KEY nor in OMNI_ENCRYPTION_PREVIOUS_KEYS: add the old key to OMNI_ENCRYPTION_PREVIOUS_KEYS`,
        );
      }
      const [, , iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable('its iv or tag has the wrong length');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable(`it was altered, or sealed for another field than ${context}`);
      }
    },
    isCurrent(sealed) {
      return sealedKeyId(sealed) === keyId;
    },
  };
}
