import type { PlatformName } from '../platforms/types.js';
import type { ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** A channel as a member sees it named: enough to list, never its secrets. */
export interface MemberChannel {
  id: number;
  platform: PlatformName;
  name: string;
}

type MemberChannelRow = { id: string; platform: PlatformName; name: string };
const toMemberChannel = (r: MemberChannelRow): MemberChannel => ({
  id: Number(r.id),
  platform: r.platform,
  name: r.name,
});

/** Makes the agent a member of these channels; answers those it was not a member of already. */
export async function addAgentChannels(sql: Sql, agentId: number, channelIds: readonly number[]): Promise<number[]> {
  if (channelIds.length === 0) return [];
  const rows = await sql<{ channel_id: string }[]>`
    insert into agent_channels (agent_id, channel_id)
    select ${agentId}, channel_id from unnest(${channelIds as number[]}::bigint[]) as channel_id
    on conflict do nothing
    returning channel_id`;
  return rows.map((r) => Number(r.channel_id)).sort((a, b) => a - b);
}

/** Ends the agent's membership of these channels; answers those it was a member of. */
export async function removeAgentChannels(sql: Sql, agentId: number, channelIds: readonly number[]): Promise<number[]> {
  if (channelIds.length === 0) return [];
  const rows = await sql<{ channel_id: string }[]>`
    delete from agent_channels where agent_id = ${agentId} and channel_id = any(${channelIds as number[]}::bigint[])
    returning channel_id`;
  return rows.map((r) => Number(r.channel_id)).sort((a, b) => a - b);
}

/**
 * The live channels an agent is a member of. A removed channel cannot be named again, so a change
 * that replaces the whole set keeps its membership (and with it the removed channel's history).
 */
export async function selectAgentLiveChannelIds(sql: Sql, agentId: number): Promise<number[]> {
  const rows = await sql<{ channel_id: string }[]>`
    select m.channel_id from agent_channels m join channels c on c.id = m.channel_id
    where m.agent_id = ${agentId} and c.removed_at is null order by m.channel_id`;
  return rows.map((r) => Number(r.channel_id));
}

/** Each agent's live channels, by agent id (an agent of none is absent); or only those of `agentId`. */
export async function selectAgentsChannels(sql: Sql, agentId?: number): Promise<Map<number, MemberChannel[]>> {
  const rows = await sql<(MemberChannelRow & { agent_id: string })[]>`
    select m.agent_id, c.id, c.platform, c.name
    from agent_channels m join channels c on c.id = m.channel_id
    where c.removed_at is null ${agentId === undefined ? sql`` : sql`and m.agent_id = ${agentId}`}
    order by m.agent_id, c.platform, c.name`;
  const byAgent = new Map<number, MemberChannel[]>();
  for (const row of rows) {
    const agentId = Number(row.agent_id);
    byAgent.set(agentId, [...(byAgent.get(agentId) ?? []), toMemberChannel(row)]);
  }
  return byAgent;
}

/** The live channels a caller with this scope sees: every one for `'all'`. */
export async function selectScopeChannels(sql: Sql, scope: ChannelScope): Promise<MemberChannel[]> {
  const rows = await sql<MemberChannelRow[]>`
    select id, platform, name from channels
    where removed_at is null ${scope === 'all' ? sql`` : sql`and id = any(${scope as number[]}::bigint[])`}
    order by platform, name`;
  return rows.map(toMemberChannel);
}
