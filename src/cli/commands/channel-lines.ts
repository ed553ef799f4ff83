import type { ChannelView } from '../../channels/channel.js';
import type { Registration } from '../../channels/channel-admin.js';
import type { AddedChannel } from '../../channels/manage-channels.js';
import { isOmniError, OmniError } from '../../errors.js';
import type { AccountCheck } from '../../platforms/platform.js';
import type { UnroutedAccount } from '../../store/unrouted.js';
import { flagOf } from './channel-flags.js';

/**
 * The service's words in the CLI's: its messages name JSON fields (the API's), so the field a
 * message starts with, and the list of fields a platform takes, become flags. Other errors pass as they are.
 */
export function inFlagWords(error: unknown): unknown {
  if (!isOmniError(error) || !error.code.startsWith('OMNI_ERR_CHANNEL_')) return error;
  const message = error.message
    .replace(/^([a-zA-Z]+)(?=[: ])/, (field) => flagOf(field))
    .replace(
      /\(it takes ([^)]*)\)/,
      (_, fields: string) =>
        // `platform` is `add`'s argument, not one of the flags a channel takes.
        `(it takes ${fields
          .split(', ')
          .filter((field) => field !== 'platform')
          .map(flagOf)
          .join(', ')})`,
    );
  return new OmniError(error.code, message);
}

/** `whatsapp channel 3 "Brazil"`: how every line names a channel. */
export const channelTitle = (c: ChannelView) => `${c.platform} channel ${c.id} "${c.name}"`;

const hints = (c: ChannelView) =>
  Object.entries(c.secrets)
    .map(([field, hint]) => `${field} ${hint}`)
    .join(', ') || '-';

/** The channel's last platform error, dated, on one line (clipped: the API view has it whole). */
const lastError = (c: ChannelView) =>
  c.health.lastError === null
    ? '-'
    : `${c.health.lastErrorAt ?? ''} ${c.health.lastError.replace(/\s+/g, ' ').slice(0, 80)}`.trim();

/** `round_robin (cap 5)`, or the mode alone. */
const assignment = (c: ChannelView) =>
  c.assignmentCap === null ? c.assignment : `${c.assignment} (cap ${c.assignmentCap})`;

/** `omni channel list`: one row a channel, columns aligned; secrets as hints only. */
export function channelTable(channels: readonly ChannelView[]): string[] {
  if (channels.length === 0) return ['no channels (add one: omni channel add <platform> --name …)'];
  const rows = [
    ['ID', 'PLATFORM', 'NAME', 'ACCOUNT', 'ENABLED', 'SOURCE', 'SENDS/S', 'ASSIGNMENT', 'SECRETS', 'LAST ERROR'],
    ...channels.map((c) => [
      String(c.id),
      c.platform,
      c.name,
      c.accountId ?? '(any other)',
      c.enabled ? 'yes' : 'no',
      c.source,
      c.sendsPerSecond === null ? 'default' : String(c.sendsPerSecond),
      assignment(c),
      hints(c),
      lastError(c),
    ]),
  ];
  return table(rows);
}

/** `omni channel unrouted`: the accounts that wait for a channel. */
export function unroutedTable(accounts: readonly UnroutedAccount[]): string[] {
  if (accounts.length === 0) return ['no unrouted accounts: every webhook found its channel'];
  return table([
    ['PLATFORM', 'ACCOUNT', 'CONVERSATIONS', 'MESSAGES', 'LAST MESSAGE'],
    ...accounts.map((a) => [
      a.platform,
      a.account ?? '(none named)',
      String(a.conversations),
      String(a.messages),
      a.lastMessageAt?.toISOString() ?? '-',
    ]),
  ]);
}

/** Rows as aligned columns, two spaces apart; the first row is the heading. */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

/** A registration's line: where the bot's webhook points now, or Telegram's refusal. */
export function registrationLine(r: Registration): string {
  return r.ok
    ? `webhook registered: ${r.url}`
    : `the channel is stored, but its webhook was not registered (${r.problem}); retry with omni channel update --register`;
}

/** What `add` prints; the generated webhook secret is printed here, this once. */
export function addedLines(added: AddedChannel & { registration?: Registration }): string[] {
  const c = added.channel;
  const lines = [`added ${channelTitle(c)}${c.accountId ? ` for account ${c.accountId}` : ''}`];
  if (added.adopted > 0)
    lines.push(
      `${added.adopted} earlier conversation(s) of the account (unrouted, or the default channel's) joined it`,
    );
  if (added.webhookSecret) {
    lines.push(`webhook secret (shown only this once; Telegram sends it with each update): ${added.webhookSecret}`);
  }
  if (added.registration) lines.push(registrationLine(added.registration));
  return lines;
}

/** What `update` prints: the rotation window when an app secret was replaced. */
export function updatedLines(channel: ChannelView, registration?: Registration): string[] {
  const lines = [`updated ${channelTitle(channel)}`];
  if (channel.previousAppSecretUntil) {
    lines.push(`the previous app secret still verifies webhooks until ${channel.previousAppSecretUntil}`);
  }
  if (registration) lines.push(registrationLine(registration));
  return lines;
}

/** What `check` prints: ok or each problem in words, then what the platform told. */
export function checkLines(channel: ChannelView, check: AccountCheck): string[] {
  return [
    `${channelTitle(channel)}: ${check.ok ? 'ok' : 'problems'}`,
    ...check.problems.map((problem) => `  problem: ${problem}`),
    ...Object.entries(check.details).map(([key, value]) => `  ${key}: ${value}`),
  ];
}
