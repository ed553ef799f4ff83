import { hashPassword } from '../auth/password.js';
import { OmniError } from '../errors.js';
import { findAgentId, insertAgent, lockAgent, type ManagedAgent, selectAgents, updateAgent } from '../store/agents.js';
import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type Sql, type SqlPool } from '../store/database.js';
import {
  addAgentChannels,
  type MemberChannel,
  removeAgentChannels,
  selectAgentLiveChannelIds,
  selectAgentsChannels,
} from '../store/memberships.js';
import { announceRevocation } from '../store/revocations.js';
import { deleteAgentSessions } from '../store/sessions.js';
import { checkEmail, checkName, checkPassword, checkRole } from './user-rules.js';

/** A user as an admin manages it: its role, its live channels, whether it is disabled. Never its password. */
export interface User extends ManagedAgent {
  channels: MemberChannel[];
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  channelIds: readonly number[];
}

/**
 * A change to a user; a field left out stays as it is. `channelIds` replaces its channels;
 * `addChannelIds` and `removeChannelIds` edit them instead (not both ways at once).
 */
export interface UserChanges {
  name?: string;
  role?: string;
  channelIds?: readonly number[];
  addChannelIds?: readonly number[];
  removeChannelIds?: readonly number[];
  disabled?: boolean;
  password?: string;
}

/** Every user, enabled or not, by email. */
export async function listUsers(sql: Sql): Promise<User[]> {
  const channels = await selectAgentsChannels(sql);
  return (await selectAgents(sql)).map((agent) => ({ ...agent, channels: channels.get(agent.id) ?? [] }));
}

/** The user with this id; 404 when there is none. */
export async function findUser(sql: Sql, agentId: number): Promise<User> {
  const [agent] = await selectAgents(sql, agentId);
  if (!agent) throw new OmniError('OMNI_ERR_USER_NOT_FOUND', `no user has the id ${agentId}`);
  return { ...agent, channels: (await selectAgentsChannels(sql, agentId)).get(agentId) ?? [] };
}

/** The id of the user with this email (any case), enabled or not; 404 when there is none. */
export async function userIdByEmail(sql: Sql, email: string): Promise<number> {
  const id = await findAgentId(sql, email);
  if (id === undefined) throw new OmniError('OMNI_ERR_USER_NOT_FOUND', `no user has the email ${email}`);
  return id;
}

const emailTaken = (email: string) => new OmniError('OMNI_ERR_USER_EXISTS', `a user already has the email ${email}`);

/** Adds a user, a member of `channelIds`, and audits it, in one transaction. */
export async function createUser(pool: SqlPool, context: AuditBy, input: NewUser): Promise<User> {
  const email = checkEmail(input.email);
  const name = checkName(input.name);
  const role = checkRole(input.role);
  const passwordHash = await hashPassword(checkPassword(input.password));
  const id = await inTransaction(pool, async (sql) => {
    if ((await findAgentId(sql, email)) !== undefined) throw emailTaken(email);
    const agent = await insertAgent(sql, { email, name, role, passwordHash }).catch((error: unknown) => {
      // Two creations of one email at once: the unique index decides, and says it as the check above does.
      throw (error as { code?: string }).code === '23505' ? emailTaken(email) : error;
    });
    const channelIds = await addAgentChannels(sql, agent.id, input.channelIds);
    await recordAudit(sql, {
      ...context,
      action: 'user.created',
      target: { kind: 'user', id: agent.id },
      detail: { email, name, role, channelIds },
    });
    return agent.id;
  });
  return findUser(pool, id);
}

function checkChanges(changes: UserChanges) {
  const { channelIds, addChannelIds = [], removeChannelIds = [] } = changes;
  if (channelIds !== undefined && (addChannelIds.length > 0 || removeChannelIds.length > 0))
    throw new OmniError(
      'OMNI_ERR_USER_INVALID',
      'give channelIds (the whole set) or channels to add and remove, not both',
    );
  if (addChannelIds.some((id) => removeChannelIds.includes(id)))
    throw new OmniError('OMNI_ERR_USER_INVALID', 'a channel cannot be both added and removed');
  return {
    name: changes.name === undefined ? undefined : checkName(changes.name),
    role: changes.role === undefined ? undefined : checkRole(changes.role),
    password: changes.password === undefined ? undefined : checkPassword(changes.password),
  };
}

/** Applies the channel part of a change; answers the memberships it really added and removed. */
async function changeChannels(sql: Sql, agentId: number, changes: UserChanges) {
  let { addChannelIds = [], removeChannelIds = [] } = changes;
  if (changes.channelIds !== undefined) {
    const wanted = changes.channelIds;
    addChannelIds = wanted;
    removeChannelIds = (await selectAgentLiveChannelIds(sql, agentId)).filter((id) => !wanted.includes(id));
  }
  const removed = await removeAgentChannels(sql, agentId, removeChannelIds);
  const added = await addAgentChannels(sql, agentId, addChannelIds);
  return { added, removed };
}

/**
 * Changes a user in one transaction, with an audit row per kind of change (`user.updated`,
 * `user.disabled`, `user.enabled`, `user.password_reset`). Disabling it or resetting its password
 * ends its sessions; that, a lost channel or a lost admin role also ends its open event streams on
 * every server (a `{ agentId }` revocation), which reconnect, if they still may, seeing less.
 */
export async function updateUser(
  pool: SqlPool,
  context: AuditBy,
  agentId: number,
  changes: UserChanges,
): Promise<User> {
  const checked = checkChanges(changes);
  const passwordHash = checked.password === undefined ? undefined : await hashPassword(checked.password);
  await inTransaction(pool, async (sql) => {
    const before = await lockAgent(sql, agentId);
    if (!before) throw new OmniError('OMNI_ERR_USER_NOT_FOUND', `no user has the id ${agentId}`);
    const { added, removed } = await changeChannels(sql, agentId, changes);
    await updateAgent(sql, agentId, {
      name: checked.name,
      role: checked.role,
      passwordHash,
      disabled: changes.disabled,
    });

    const disabling = changes.disabled === true && !before.disabled;
    const enabling = changes.disabled === false && before.disabled;
    const demoted = before.role === 'admin' && checked.role === 'agent';
    const endsSessions = disabling || passwordHash !== undefined;
    if (endsSessions) await deleteAgentSessions(sql, agentId);
    if (endsSessions || demoted || removed.length > 0) await announceRevocation(sql, { agentId });

    const audit = (action: string, detail?: Record<string, unknown>) =>
      recordAudit(sql, { ...context, action, target: { kind: 'user', id: agentId }, detail });
    const updated: Record<string, unknown> = {};
    if (checked.name !== undefined && checked.name !== before.name) updated.name = checked.name;
    if (checked.role !== undefined && checked.role !== before.role) updated.role = checked.role;
    if (added.length > 0) updated.addedChannelIds = added;
    if (removed.length > 0) updated.removedChannelIds = removed;
    if (Object.keys(updated).length > 0) await audit('user.updated', updated);
    if (disabling) await audit('user.disabled');
    if (enabling) await audit('user.enabled');
    if (passwordHash !== undefined) await audit('user.password_reset');
  });
  return findUser(pool, agentId);
}
