import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { parseWebhookText } from '../../src/cli/commands/parse.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';
import { readFileSync } from 'node:fs';
import { loadFixtures } from '../helpers/fixtures.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

interface Line {
  kind: string;
  externalId: string | null;
  from: string | null;
  account: string | null;
  type: string;
  text: string | null;
  timestamp: string;
  status?: string;
  recipient?: string;
}

for (const platform of PLATFORM_NAMES) {
  for (const fixture of loadFixtures(platform)) {
    t.test(`omni parse ${platform} prints the items of ${fixture.id}`, async (t) => {
      const lines = parseWebhookText(platform, readFileSync(fixture.file, 'utf8')).lines.map((l) => JSON.parse(l) as Line);
      const messages = lines.filter((l) => l.kind === 'message');
      t.equal(messages.length, fixture.expect.messages.length, 'one line per message');
      for (const expected of fixture.expect.messages) {
        const line = messages.find((m) => m.externalId === expected.externalId || (expected.externalId === null && m.type === expected.type));
        if (!line) {
          t.fail(`no line for ${expected.externalId}`);
          continue;
        }
        t.match(line, { from: expected.from, account: expected.account, type: expected.type, text: expected.text });
        t.equal(Date.parse(line.timestamp), Date.parse(expected.timestamp), 'same instant');
      }
      for (const expected of fixture.expect.statuses) {
        const line = lines.find((l) => l.kind === 'status' && l.externalId === expected.externalId && l.status === expected.status);
        t.ok(line, `status ${expected.status} of ${expected.externalId}`);
        t.equal(line?.recipient, expected.recipient);
      }
      const events = lines.filter((l) => l.kind === 'event').length;
      t.ok(events + messages.length >= fixture.expect.other.length, 'every other event is represented');
    });
  }
}

t.test('the omni parse command prints one JSON line per item of a fixture file', async (t) => {
  for (const platform of PLATFORM_NAMES) {
    const fixture = loadFixtures(platform).find((f) => f.expect.messages.length > 0)!;
    const { stdout } = await run(process.execPath, [OMNI, 'parse', platform, fixture.file]);
    t.same(stdout.trim().split('\n'), parseWebhookText(platform, readFileSync(fixture.file, 'utf8')).lines, platform);
  }
});

t.test('omni parse reads standard input and rejects an unknown platform', async (t) => {
  const child = execFile(process.execPath, [OMNI, 'parse', 'telegram', '-']);
  child.stdin!.end(JSON.stringify({ update_id: 1, message: { message_id: 2, date: 0, chat: { id: 3, type: 'private' }, text: 'hi' } }));
  const out = await new Promise<string>((resolve) => {
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.on('close', () => resolve(text));
  });
  t.match(JSON.parse(out), { kind: 'message', externalId: '3:2', text: 'hi', timestamp: '1970-01-01T00:00:00.000Z' });
  await t.rejects(run(process.execPath, [OMNI, 'parse', 'myspace', '-']), /unknown platform myspace/);
});
