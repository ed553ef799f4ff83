import type { Command } from 'commander';
import { type ChannelAdmin, type ChannelLookup, createChannelAdmin } from '../../channels/channel-admin.js';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { existingVaultKeys } from '../../vault/encryption-key.js';
import { createSecretBox } from '../../vault/secret-box.js';
import { platformArgument } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withCommandContext } from '../context.js';
import { channelFlags } from './channel-flags.js';
import {
  addedLines,
  channelTable,
  channelTitle,
  checkLines,
  inFlagWords,
  unroutedTable,
  updatedLines,
} from './channel-lines.js';

/** Options every command that names a channel takes, besides `<name|id>`. */
interface LookupOptions {
  platform?: string;
}

/** `add`'s and `update`'s flags, as commander camel-cases them: the API's field names. */
type FieldOptions = Record<string, string | boolean | undefined> & { register?: string; json?: boolean };

/** Prints lines; `failed` makes the exit code 1 after they are printed (a check with problems, a refused registration). */
interface Printed {
  lines: string[];
  failed?: boolean;
}

/** Runs `body` with a channel admin on the migrated database, and prints what it answers, errors in flag words. */
function withAdmin(body: (admin: ChannelAdmin) => Promise<Printed>): Promise<void> {
  return runCommand(async () => {
    const printed = await withCommandContext('omni', async (context) => {
      const sql = await context.database({ migrate: true });
      const keys = existingVaultKeys(context.config);
      const admin = createChannelAdmin({ sql, box: keys && createSecretBox(keys), config: context.config });
      return body(admin).catch((error: unknown) => {
        throw inFlagWords(error);
      });
    });
    for (const line of printed.lines) process.stdout.write(`${line}\n`);
    if (printed.failed) process.exitCode = 1;
  });
}

const lookup = (nameOrId: string, options: LookupOptions): ChannelLookup => ({
  nameOrId,
  platform: options.platform === undefined ? undefined : platformArgument(options.platform),
});

/**
 * The fields the flags give: only those given; `--sends-per-second` as a number (`default`: the
 * platform's, on update), `--assignment-cap` too (`none`: no cap, on update).
 */
function fields(options: FieldOptions): Record<string, unknown> {
  const { register: _, json: __, platform: ___, ...given } = options;
  const body: Record<string, unknown> = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const sends = body.sendsPerSecond;
  if (typeof sends === 'string')
    body.sendsPerSecond = sends === 'default' ? null : /^\d+$/.test(sends) ? Number(sends) : sends;
  const cap = body.assignmentCap;
  if (typeof cap === 'string') body.assignmentCap = cap === 'none' ? null : /^\d+$/.test(cap) ? Number(cap) : cap;
  return body;
}

const json = (value: unknown): Printed => ({ lines: [JSON.stringify(value, null, 2)] });

function fieldFlags(command: Command): Command {
  for (const field of channelFlags()) command.option(`${field.flag} ${field.value}`, field.description);
  return command.option('--json', 'print the result as JSON');
}

export function registerChannel(program: Command): void {
  const channel = program
    .command('channel')
    .description(
      'Manage channels: the WhatsApp numbers, Messenger Pages, Instagram accounts and Telegram bots Omni serves',
    );

  fieldFlags(channel.command('add <platform>'))
    .description(`Add a channel (${PLATFORM_NAMES.join(', ')}); secrets are stored encrypted and never printed`)
    .action((platform: string, options: FieldOptions) =>
      withAdmin(async (admin) => {
        const body = { platform: platformArgument(platform), ...fields(options) };
        const added = await admin.add(body, cliAuditedBy(), options.register);
        const failed = added.registration?.ok === false;
        return options.json ? { ...json(added), failed } : { lines: addedLines(added), failed };
      }),
    );

  channel
    .command('list')
    .description('List the live channels with hints of their secrets (the last 4 characters at most)')
    .option('--json', 'print them as JSON')
    .action((options: { json?: boolean }) =>
      withAdmin(async (admin) => {
        const channels = await admin.list();
        return options.json ? json(channels) : { lines: channelTable(channels) };
      }),
    );

  fieldFlags(channel.command('update <name|id>'))
    .description('Change what the flags give; a new --app-secret keeps the old one valid for APP_SECRET_ROTATION_HOURS')
    .option('--platform <platform>', 'the platform, when several have a channel of this name')
    .action((nameOrId: string, options: FieldOptions & LookupOptions) =>
      withAdmin(async (admin) => {
        const updated = await admin.update(
          lookup(nameOrId, options),
          fields(options),
          cliAuditedBy(),
          options.register,
        );
        const failed = updated.registration?.ok === false;
        if (options.json) return { ...json(updated), failed };
        return { lines: updatedLines(updated.channel, updated.registration), failed };
      }),
    );

  const switches = [
    ['enable', 'Enable a channel: it takes webhooks again', 'enabled'],
    ['disable', 'Disable a channel: it takes no webhooks until enabled', 'disabled'],
    ['remove', 'Remove a channel: its secrets are deleted, its conversations stay, marked removed', 'removed'],
  ] as const;
  for (const [name, description, done] of switches) {
    channel
      .command(`${name} <name|id>`)
      .description(description)
      .option('--platform <platform>', 'the platform, when several have a channel of this name')
      .action((nameOrId: string, options: LookupOptions) =>
        withAdmin(async (admin) => {
          const which = lookup(nameOrId, options);
          const changed =
            name === 'remove'
              ? await admin.remove(which, cliAuditedBy())
              : await admin.setEnabled(which, name === 'enable', cliAuditedBy());
          return { lines: [`${done} ${channelTitle(changed)}`] };
        }),
      );
  }

  channel
    .command('check <name|id>')
    .description("Ask the platform whether the channel's token works (Graph, or Telegram getMe and getWebhookInfo)")
    .option('--platform <platform>', 'the platform, when several have a channel of this name')
    .option('--json', 'print the result as JSON')
    .action((nameOrId: string, options: LookupOptions & { json?: boolean }) =>
      withAdmin(async (admin) => {
        const { channel, ...check } = await admin.check(lookup(nameOrId, options));
        const lines = options.json ? json({ channel, ...check }).lines : checkLines(channel, check);
        return { lines, failed: !check.ok };
      }),
    );

  channel
    .command('rekey')
    .description(
      'Re-seal every channel secret with OMNI_ENCRYPTION_KEY (older keys stay in OMNI_ENCRYPTION_PREVIOUS_KEYS until then)',
    )
    .action(() =>
      withAdmin(async (admin) => {
        const { channels, secrets } = await admin.rekey(cliAuditedBy());
        return { lines: [`re-sealed ${secrets} secret(s) of ${channels} channel(s) with the current key`] };
      }),
    );

  channel
    .command('unrouted')
    .description(
      'List the accounts webhooks named that no channel holds (add a channel and their conversations join it)',
    )
    .option('--json', 'print them as JSON')
    .action((options: { json?: boolean }) =>
      withAdmin(async (admin) => {
        const accounts = await admin.unrouted();
        return options.json ? json(accounts) : { lines: unroutedTable(accounts) };
      }),
    );
}
