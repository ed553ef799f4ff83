import { OmniError } from '../errors.js';
import { channelFields, givenAccount, SECRET_FIELDS, type SecretField } from '../platforms/channel-shape.js';
import { platformFor } from '../platforms/registry.js';
import { PLATFORM_NAMES, type PlatformName } from '../platforms/types.js';
import { ASSIGNMENT_MODES, type AssignmentMode } from '../store/channels.js';

/**
 * What an operator gives to add or update a channel, by the JSON (camelCase) names the API takes
 * and the CLI maps its flags to. Validated by `readChannelInput`; secrets are plaintext here only.
 */
export interface ChannelInput {
  name?: string;
  /** WhatsApp phone_number_id, Page id or Instagram account id: the account the channel holds. */
  accountId?: string;
  wabaId?: string | null;
  secrets: Partial<Record<SecretField, string>>;
  /** Null (on update): back to the platform's default. */
  sendsPerSecond?: number | null;
  assignment?: AssignmentMode;
  /** Null (on update): no cap. */
  assignmentCap?: number | null;
}

/** The fields that say how a channel's conversations are handed out, not how it reaches its platform. */
export const ASSIGNMENT_FIELDS = ['assignment', 'assignmentCap'];

/** The fields every platform's channel takes besides its own. */
const COMMON = ['platform', 'name', 'sendsPerSecond', ...ASSIGNMENT_FIELDS];

function invalid(field: string, why: string): OmniError {
  return new OmniError('OMNI_ERR_CHANNEL_INVALID', `${field} ${why}`);
}

/** The platform named, or an error naming the four. */
export function readPlatform(value: unknown): PlatformName {
  if (typeof value === 'string' && (PLATFORM_NAMES as readonly string[]).includes(value)) return value as PlatformName;
  throw invalid('platform', `must be one of ${PLATFORM_NAMES.join(', ')}`);
}

function text(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string');
  return value.trim();
}

/**
 * Validates an add (`mode: 'add'`: every required field present) or an update (only what is given),
 * naming the first field at fault. A field another platform uses is refused, not ignored, so a typo'd
 * command never half-applies.
 */
export function readChannelInput(
  platform: PlatformName,
  body: Record<string, unknown>,
  mode: 'add' | 'update',
): ChannelInput {
  const shape = platformFor(platform).channel;
  const { required, optional } = channelFields(shape);
  const known = new Set([...COMMON, ...[...required, ...optional].map((field) => field.name)]);
  for (const field of Object.keys(body)) {
    if (!known.has(field))
      throw invalid(field, `is not a ${platform} channel field (it takes ${[...known].join(', ')})`);
  }
  if (mode === 'add') {
    for (const field of ['name', ...required.map((field) => field.name)]) {
      if (body[field] === undefined) throw invalid(field, `is required for a ${platform} channel`);
    }
  }
  const name = text(body, 'name');
  if (name !== undefined && name.toLowerCase() === 'default') {
    throw invalid('name', '"default" is the name of the channel the environment variables make: choose another');
  }
  if (name !== undefined && name.length > 100) throw invalid('name', 'must be at most 100 characters');
  const sends = body.sendsPerSecond;
  if (
    sends !== undefined &&
    !(sends === null && mode === 'update') &&
    !(Number.isInteger(sends) && (sends as number) >= 1)
  ) {
    throw invalid('sendsPerSecond', 'must be an integer of at least 1');
  }
  const { assignment, assignmentCap } = body;
  if (assignment !== undefined && !(ASSIGNMENT_MODES as readonly unknown[]).includes(assignment)) {
    throw invalid('assignment', `must be one of ${ASSIGNMENT_MODES.join(', ')}`);
  }
  if (
    assignmentCap !== undefined &&
    !(assignmentCap === null && mode === 'update') &&
    !(Number.isInteger(assignmentCap) && (assignmentCap as number) >= 1)
  ) {
    throw invalid('assignmentCap', 'must be an integer of at least 1');
  }
  const secrets: ChannelInput['secrets'] = {};
  for (const field of SECRET_FIELDS) {
    const value = text(body, field);
    if (value !== undefined) secrets[field] = value;
  }
  for (const { name, format } of shape.secrets) {
    const value = secrets[name];
    if (format && value !== undefined && !format.pattern.test(value)) throw invalid(name, `must be ${format.rule}`);
  }
  const accountField = givenAccount(shape)?.name;
  const wabaId = body.wabaId === null ? null : text(body, 'wabaId');
  return {
    name,
    accountId: accountField === undefined ? undefined : text(body, accountField),
    wabaId,
    secrets,
    sendsPerSecond: sends as number | null | undefined,
    assignment: assignment as AssignmentMode | undefined,
    assignmentCap: assignmentCap as number | null | undefined,
  };
}
