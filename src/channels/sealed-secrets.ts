import { OmniError } from '../errors.js';
import type { ChannelRow, SealedColumn } from '../store/channels.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { ChannelSecrets } from '../platforms/types.js';

/**
 * The context each column's value is sealed for (GCM additional data): a value copied into another
 * column fails to open. The previous app secret shares the current one's context, since rotation
 * moves the sealed value across as it is.
 */
export const SEAL_CONTEXTS: Record<SealedColumn, string> = {
  app_secret: 'channel:appSecret',
  previous_app_secret: 'channel:appSecret',
  verify_token: 'channel:verifyToken',
  access_token: 'channel:accessToken',
  bot_token: 'channel:botToken',
  webhook_secret: 'channel:webhookSecret',
};

/** The error of a process asked to open or seal channel secrets without a key. */
export function noKeyError(): OmniError {
  return new OmniError(
    'OMNI_ERR_CONFIG_INVALID',
    'channels hold encrypted secrets but no encryption key is configured: set OMNI_ENCRYPTION_KEY (and OMNI_ENCRYPTION_PREVIOUS_KEYS for older keys)',
  );
}

/** Whether the row holds any sealed secret (a key is needed to open it). */
export function hasSealedSecrets(row: ChannelRow): boolean {
  return Object.values(row.sealed).some((value) => value !== null);
}

/**
 * A stored channel's secrets, opened. The previous app secret is included only while its rotation
 * window lasts (`previous_app_secret_until` later than `now`).
 */
export function openChannelSecrets(row: ChannelRow, box: SecretBox | undefined, now: Date): ChannelSecrets {
  if (!hasSealedSecrets(row)) return {};
  if (!box) throw noKeyError();
  const open = (column: SealedColumn) => {
    const sealed = row.sealed[column];
    return sealed === null ? undefined : box.open(sealed, SEAL_CONTEXTS[column]);
  };
  const current = open('app_secret');
  const rotating = row.previousAppSecretUntil !== null && row.previousAppSecretUntil > now;
  const previous = rotating ? open('previous_app_secret') : undefined;
  const appSecrets = [current, previous].filter((secret): secret is string => secret !== undefined);
  const secrets: ChannelSecrets = {
    appSecrets: appSecrets.length > 0 ? appSecrets : undefined,
    verifyToken: open('verify_token'),
    accessToken: open('access_token'),
    botToken: open('bot_token'),
    webhookSecret: open('webhook_secret'),
  };
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
}
