/** JSON schemas of the user routes: a user as answered, and the bodies that create and change one. */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES } from '../../users/user-rules.js';
import { objectOf } from './schema-shapes.js';
import { rowId } from './schemas.js';

/** A channel beside a user (or the caller of `/api/me`): named, never its secrets. */
export const memberChannel = objectOf({
  id: { type: 'integer' },
  platform: { type: 'string' },
  name: { type: 'string' },
});

const role = {
  type: 'string',
  enum: [...ROLES],
  description: 'admin: sees and manages everything; agent: works in its channels only',
} as const;

export const userSchema = objectOf({
  id: { type: 'integer' },
  email: { type: 'string' },
  name: { type: 'string' },
  role,
  disabled: { type: 'boolean', description: 'a disabled user cannot log in; its history stays' },
  channels: { type: 'array', items: memberChannel, description: 'the live channels it is a member of' },
});

const channelIds = {
  type: 'array',
  items: rowId,
  maxItems: 1000,
  description: 'the channels it works in (ids, from GET /api/channels)',
} as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const password = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } as const;

export const createUserBody = {
  type: 'object',
  required: ['email', 'name', 'role', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, name, role, password, channelIds },
} as const;

export const updateUserBody = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name,
    role,
    channelIds: { ...channelIds, description: 'replaces its channels with these (an empty list: none)' },
    disabled: { type: 'boolean', description: 'true: it cannot log in, and its sessions end; false: it can again' },
    password: { ...password, description: 'a new password; its sessions end' },
  },
} as const;
