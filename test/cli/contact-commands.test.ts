import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { contactId } from '../../src/cli/arguments.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { auditRows } from '../helpers/audit.js';
import { createTestDatabase } from '../helpers/database.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test(
  'omni contact export prints the document and omni contact erase erases, each recorded as a cli audit row',
  async (t) => {
    const { sql, url } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue });
    startTestWorker(t, sql, queue);
    const text = 'Please call me back on my mobile';
    t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.CLI-1', 1749416383, text))).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.CLI-1']);
    const [contact] = await sql<{ id: string }[]>`select id from contacts`;
    const id = contact!.id;

    const mediaDir = await mkdtemp(join(tmpdir(), 'omni-contact-cli-'));
    t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
    const env = { ...process.env, DATABASE_URL: url, MEDIA_DIR: mediaDir, LOG_LEVEL: 'info' };
    const omni = (...args: string[]) => runOmni(['contact', ...args], env);

    const exporting = await omni('export', id);
    t.match(await auditRows(sql), [
      { actor_kind: 'cli', actor_id: null, actor_name: String, action: 'contact.exported', target_id: id, ip: null },
    ]);
    const exported = JSON.parse(exporting.stdout);
    t.match(exported, {
      contact: { id: Number(id), displayName: 'Sheena Nelson', externalId: '16505551234' },
      conversations: [{ conversationKey: '16505551234' }],
      messages: [{ text, sender: '16505551234' }],
      attachments: [],
    });

    const erased = await omni('erase', id);
    t.match(JSON.parse(erased.stdout), { contactId: Number(id), messages: 1, webhookBodies: 1 });
    const [, erasure] = await auditRows(sql);
    t.match(erasure, {
      actor_kind: 'cli',
      action: 'contact.erased',
      target_kind: 'contact',
      target_id: id,
      detail: { messages: 1, webhookBodies: 1 },
    });
    t.notMatch(erasure?.text, /Sheena|16505551234|call me back/, 'the audit row names no one');
    const [tombstone] = await sql<{ erased_by: string }[]>`select erased_by from contacts where id = ${id}`;
    t.equal(tombstone?.erased_by, `cli ${erasure?.actor_name}`, 'the tombstone says which operator erased it');
    t.match(JSON.parse((await omni('export', id)).stdout), {
      contact: { displayName: null, externalId: /^erased:/, erasedAt: String },
      messages: [{ text: null, content: null }],
    });

    t.match(await stderrOf(omni('erase', '999999')), /no contact 999999/);
    t.match(await stderrOf(omni('export', 'sheena')), /<id>: "sheena" is not a contact id/, 'naming the argument');
  },
);

t.test('a contact id is a whole number from 1; anything else is an invalid argument naming <id>', async (t) => {
  t.equal(contactId('42'), 42);
  for (const value of ['sheena', '0', '-1', '1.5', '', '0x10', ' 7'])
    t.throws(
      () => contactId(value),
      { code: 'OMNI_ERR_CLI_INVALID_ARGUMENT', message: /^<id>: / },
      JSON.stringify(value),
    );
});
