import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OmniConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import type { VaultKeys } from './secret-box.js';

/** The file in the data dir that holds the embedded mode's generated key (base64, mode 0600). */
export const ENCRYPTION_KEY_FILE = 'encryption-key';

function decodeKey(text: string, variable: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  // Buffer.from skips what is not base64, so a round trip is what tells a typo from a key.
  const canonical = key.toString('base64');
  if (key.length !== 32 || canonical.replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      `${variable} must be 32 bytes in base64 (44 characters; make one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * The keys named by OMNI_ENCRYPTION_KEY and OMNI_ENCRYPTION_PREVIOUS_KEYS, validated (an error names
 * the variable, never its value). Undefined when no key is configured: channels then cannot hold
 * stored secrets, and a start that finds some fails naming the variable.
 */
export function readVaultKeys(config: Pick<OmniConfig, 'encryption'>): VaultKeys | undefined {
  const { key, previousKeys } = config.encryption;
  const previous = previousKeys.map((text) => decodeKey(text, 'OMNI_ENCRYPTION_PREVIOUS_KEYS'));
  if (key === undefined) {
    if (previous.length > 0)
      throw new OmniError(
        'OMNI_ERR_CONFIG_INVALID',
        'OMNI_ENCRYPTION_PREVIOUS_KEYS is set without OMNI_ENCRYPTION_KEY',
      );
    return undefined;
  }
  return { current: decodeKey(key, 'OMNI_ENCRYPTION_KEY'), previous };
}

/**
 * The keys of a process: the configured ones, or, in embedded mode (no DATABASE_URL) with none set,
 * a key generated once into the data dir, so the zero-setup mode stores channels sealed too. A
 * deployment with its own database never gets a generated key: losing it would lose every secret.
 */
export async function loadVaultKeys(
  config: Pick<OmniConfig, 'encryption' | 'databaseUrl' | 'dataDir'>,
): Promise<VaultKeys | undefined> {
  const configured = readVaultKeys(config);
  if (configured || config.databaseUrl !== undefined) return configured;
  const path = join(config.dataDir, ENCRYPTION_KEY_FILE);
  if (existsSync(path)) return { current: decodeKey(readFileSync(path, 'utf8'), path), previous: [] };
  const current = randomBytes(32);
  await mkdir(config.dataDir, { recursive: true });
  // 'wx': two processes starting together must not each write a different key.
  await writeFile(path, current.toString('base64'), { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  });
  return { current: decodeKey(readFileSync(path, 'utf8'), path), previous: [] };
}

/**
 * The keys a command uses beside a running server: the configured ones, or the key an embedded
 * `omni serve` generated into the data dir. Never generates one: a key the server does not have
 * would seal secrets it cannot open.
 */
export function existingVaultKeys(config: Pick<OmniConfig, 'encryption' | 'dataDir'>): VaultKeys | undefined {
  const configured = readVaultKeys(config);
  if (configured) return configured;
  const path = join(config.dataDir, ENCRYPTION_KEY_FILE);
  return existsSync(path) ? { current: decodeKey(readFileSync(path, 'utf8'), path), previous: [] } : undefined;
}
