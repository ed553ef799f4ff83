import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformSecrets } from '../config/load-config.js';

const FILE = 'dev-secrets.json';

function token(): string {
  return randomBytes(24).toString('hex');
}

/** Development secrets already generated in the data dir, if any (read by `omni simulate`). */
export function readDevSecrets(dataDir: string): PlatformSecrets | undefined {
  const path = join(dataDir, FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PlatformSecrets) : undefined;
}

/**
 * For the zero-setup embedded mode: secrets for all four platforms, generated once into the data
 * dir (mode 0600) so webhooks stay signed and `omni simulate` can sign its samples.
 */
export async function ensureDevSecrets(dataDir: string): Promise<{ secrets: PlatformSecrets; created: boolean }> {
  const existing = readDevSecrets(dataDir);
  if (existing) return { secrets: existing, created: false };
  const secrets: PlatformSecrets = {
    whatsapp: { appSecret: token(), verifyToken: token() },
    messenger: { appSecret: token(), verifyToken: token() },
    instagram: { appSecret: token(), verifyToken: token() },
    telegram: { secretToken: token() },
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, FILE), JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, created: true };
}

export function hasAnyPlatform(platforms: PlatformSecrets): boolean {
  return Object.values(platforms).some(Boolean);
}
