import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { platformFor } from '../../platforms/registry.js';
import { PLATFORM_NAMES, type InboundItem, type PlatformName } from '../../platforms/types.js';
import { platformArgument } from '../arguments.js';
import { runCommand } from '../context.js';

async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line per item: the fields every platform shares first, then what is specific to the kind. */
export function formatItem(item: InboundItem): string {
  return JSON.stringify({
    kind: item.kind,
    externalId: item.externalId,
    from: item.from,
    account: item.account,
    type: item.type,
    text: item.text,
    timestamp: item.timestamp,
    ...(item.status ? { status: item.status, recipient: item.recipient } : {}),
    ...(item.error ? { error: item.error } : {}),
    direction: item.direction,
    conversationKey: item.conversationKey,
    ...(item.aliases ? { aliases: item.aliases } : {}),
    ...(item.replaces ? { replaces: item.replaces } : {}),
    ...(item.content ? { content: item.content } : {}),
  });
}

/** What `omni parse` prints for one input: item lines, and the parts it did not understand. */
export function parseWebhookText(platform: PlatformName, text: string): { lines: string[]; problems: string[] } {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const isFixture = parsed && typeof parsed === 'object' && 'body' in parsed && 'expect' in parsed;
  const { items, errors } = platformFor(platform).extract(isFixture ? parsed.body : parsed);
  return { lines: items.map(formatItem), problems: errors.map((e) => `not understood at ${e.path}: ${e.reason}`) };
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      "Print the items a webhook body would store, one JSON object per line (a fixture file's `body` is used)",
    )
    .argument('<platform>', PLATFORM_NAMES.join(' | '))
    .argument('[file]', 'JSON file, or - for standard input', '-')
    .action((platform: string, file: string) =>
      runCommand(async () => {
        const { lines, problems } = parseWebhookText(platformArgument(platform), await readInput(file));
        for (const line of lines) process.stdout.write(`${line}\n`);
        for (const problem of problems) process.stderr.write(`${problem}\n`);
      }),
    );
}
