import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { parseWebhookText } from '../../src/cli/commands/parse.js';
import { PLATFORM_NAMES, type PlatformName } from '../../src/platforms/types.js';
import { readFileSync } from 'node:fs';
import { loadFixtures } from '../helpers/fixtures.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

/** The first fixture of a platform that expects a message, and that message. */
function firstMessageFixture(platform: PlatformName) {
  const fixture = loadFixtures(platform).find((f) => f.expect.messages.length > 0)!;
  return { fixture, want: fixture.expect.messages[0]! };
}

t.test('omni parse prints a message as a line carrying its id, sender, account, type, text and instant', async (t) => {
  for (const platform of PLATFORM_NAMES) {
    const { fixture, want } = firstMessageFixture(platform);
    const lines = parseWebhookText(platform, readFileSync(fixture.file, 'utf8')).lines.map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    const line = lines.find((l) => l.kind === 'message' && l.externalId === want.externalId);
    if (!line) {
      t.fail(`${platform}: no line for ${want.externalId}`);
      continue;
    }
    const { kind, externalId, from, account, type, text, timestamp } = line;
    t.same(
      { kind, externalId, from, account, type, text, timestamp },
      { kind: 'message', ...want, timestamp: new Date(want.timestamp).toISOString() },
      `${platform}: ${fixture.id}`,
    );
  }
});

t.test('the omni parse command prints one JSON line per item of a fixture file', async (t) => {
  for (const platform of PLATFORM_NAMES) {
    const { fixture } = firstMessageFixture(platform);
    const { stdout } = await run(process.execPath, [OMNI, 'parse', platform, fixture.file]);
    t.same(stdout.trim().split('\n'), parseWebhookText(platform, readFileSync(fixture.file, 'utf8')).lines, platform);
  }
});

t.test('omni parse reads standard input and rejects an unknown platform', async (t) => {
  const child = execFile(process.execPath, [OMNI, 'parse', 'telegram', '-']);
  child.stdin!.end(
    JSON.stringify({ update_id: 1, message: { message_id: 2, date: 0, chat: { id: 3, type: 'private' }, text: 'hi' } }),
  );
  const out = await new Promise<string>((resolve) => {
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.on('close', () => resolve(text));
  });
  t.match(JSON.parse(out), { kind: 'message', externalId: '3:2', text: 'hi', timestamp: '1970-01-01T00:00:00.000Z' });
  await t.rejects(run(process.execPath, [OMNI, 'parse', 'myspace', '-']), /unknown platform myspace/);
});

t.test(
  'omni parse shows who a WhatsApp item names: the BSUID alone, beside a number, or replacing another',
  async (t) => {
    const parsed = (id: string) => {
      const fixture = loadFixtures('whatsapp').find((f) => f.id === id)!;
      return JSON.parse(parseWebhookText('whatsapp', readFileSync(fixture.file, 'utf8')).lines[0]!);
    };
    t.match(parsed('whatsapp-bsuid-only-username'), {
      from: 'MX.1502576394655843',
      conversationKey: 'MX.1502576394655843',
      content: { extra: { profile: { name: 'Pablo Morales', username: '@pablomorales' } } },
    });
    t.notOk('aliases' in parsed('whatsapp-bsuid-only-username'), 'a BSUID alone has no other id');
    t.match(parsed('whatsapp-bsuid-contact-username'), {
      from: '16505551234',
      aliases: ['US.13491208655302741918'],
      content: { extra: { profile: { username: '@sheenanelson' } } },
    });
    t.match(parsed('whatsapp-status-recipient-user-id'), {
      kind: 'status',
      recipient: 'MX.1502576394655843',
      conversationKey: 'MX.1502576394655843',
    });
    t.match(parsed('whatsapp-system-user-changed-user-id'), {
      from: 'MX.2209718833104477',
      replaces: 'MX.1502576394655843',
      content: { extra: { systemType: 'user_changed_user_id', newUserId: 'MX.2209718833104477' } },
    });
  },
);
