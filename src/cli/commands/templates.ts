import type { Command } from 'commander';
import { OmniError } from '../../errors.js';
import { platformApis } from '../../platforms/platform-apis.js';
import { openChannels } from '../../runtime/open-channels.js';
import { channelsToSync, syncTemplates, type WabaSync } from '../../templates/sync-templates.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withCommandContext } from '../context.js';

/** One line per WABA: what was stored, or why not. */
export function syncLines(results: readonly WabaSync[]): string[] {
  if (results.length === 0)
    return ['no enabled WhatsApp channel names a WABA id (omni channel update NAME --waba-id ID)'];
  return results.map((r) => {
    const where = `WABA ${r.wabaId} (channel "${r.channel.name}")`;
    return r.ok
      ? `${where}: ${r.stored} templates stored, ${r.deleted} no longer listed by Meta marked DELETED`
      : `${where}: not synced: ${r.problem}`;
  });
}

/** A channel the flag names that cannot be synced is the flag's fault, said in its words. */
function inFlagWords(error: unknown): unknown {
  if (
    error instanceof OmniError &&
    (error.code === 'OMNI_ERR_CHANNEL_NOT_FOUND' || error.code === 'OMNI_ERR_TEMPLATES_NO_WABA')
  )
    return new OmniError(error.code, `--channel: ${error.message}`);
  return error;
}

/**
 * `omni templates sync [--channel NAME]`: lists every WABA's message templates from Meta (or the
 * named channel's WABA) with its channel's token and stores them, audited as `templates.synced`.
 * Exits 1 when a WABA could not be synced, after printing every line.
 */
export function registerTemplates(program: Command): void {
  const templates = program.command('templates').description("WhatsApp message templates, from each channel's WABA");
  templates
    .command('sync')
    .description("Fetch every template of each WhatsApp channel's WABA (all pages) and store them")
    .option('--channel <name|id>', "only this channel's WABA")
    .option('--json', 'print the result as JSON')
    .action((options: { channel?: string; json?: boolean }) =>
      runCommand(async () => {
        const results = await withCommandContext('omni', async (context) => {
          const sql = await context.database({ migrate: true });
          const { config, logger } = context;
          const { directory } = await openChannels(sql, config, logger, config.platforms);
          try {
            const targets = channelsToSync(directory.live(), options.channel);
            return await syncTemplates({ sql, apis: platformApis(config) }, targets, cliAuditedBy());
          } catch (error) {
            throw inFlagWords(error);
          } finally {
            await directory.close();
          }
        });
        const lines = options.json ? [JSON.stringify(results, null, 2)] : syncLines(results);
        for (const line of lines) process.stdout.write(`${line}\n`);
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      }),
    );
}
