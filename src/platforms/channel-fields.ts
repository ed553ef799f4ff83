import type { ChannelField, ChannelSecretField } from './channel-shape.js';
import { PLATFORMS } from './registry.js';
import { PLATFORM_NAMES, type PlatformName } from './types.js';

/** A channel field across platforms: which take it, and which of those require it on add. */
export interface SharedChannelField extends ChannelField {
  format?: ChannelSecretField['format'];
  platforms: PlatformName[];
  requiredBy: PlatformName[];
}

/**
 * Every field some platform's channel takes, once each, platform by platform (the account given,
 * the extras, then the secrets): what the CLI's flags and the API's schema list.
 */
export function sharedChannelFields(): SharedChannelField[] {
  const fields = new Map<string, SharedChannelField>();
  for (const platform of PLATFORM_NAMES) {
    const { account, extras, secrets } = PLATFORMS[platform].channel;
    const given = 'given' in account ? [{ ...account.given, required: true }] : [];
    for (const field of [...given, ...extras.map((extra) => ({ ...extra, required: false })), ...secrets]) {
      const { required, ...described } = field;
      const shared = fields.get(field.name) ?? { ...described, platforms: [], requiredBy: [] };
      shared.platforms.push(platform);
      if (required) shared.requiredBy.push(platform);
      fields.set(field.name, shared);
    }
  }
  return [...fields.values()];
}

/** "whatsapp, messenger, instagram (required)": who takes a field, and who requires it. */
export function fieldUse(field: SharedChannelField): string {
  const takers = field.platforms.join(', ');
  if (field.requiredBy.length === 0) return takers;
  if (field.requiredBy.length === field.platforms.length) return `${takers} (required)`;
  return `${takers} (required for ${field.requiredBy.join(', ')})`;
}
