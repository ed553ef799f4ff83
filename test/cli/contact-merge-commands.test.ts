import t from 'tap';
import { auditRows } from '../helpers/audit.js';
import { openOnePersonOnTwoChannels } from '../helpers/one-person.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';

t.test('omni contact suggestions, merge and unmerge act as the API does, each change a cli audit row', async (t) => {
  const { sql, url, whatsapp, telegram } = await openOnePersonOnTwoChannels(t);
  const omni = (...args: string[]) => runOmni(['contact', ...args], { ...process.env, DATABASE_URL: url });
  const [tg, wa] = [String(telegram.contactId), String(whatsapp.contactId)];
  const person = async () =>
    (await sql<{ merged_into_id: string | null }[]>`select merged_into_id from contacts where id = ${tg}`)[0]
      ?.merged_into_id;

  const suggested = (await omni('suggestions')).stdout;
  t.match(
    suggested,
    new RegExp(
      `^telegram contact ${tg} and whatsapp contact ${wa} share \\+16505551234 \\(message \\d+, 2022-11-16T21:27:40.000Z\\)\\n$`,
    ),
  );
  t.equal(await person(), null, 'a suggestion merges nothing');

  t.equal((await omni('merge', tg, '--into', wa)).stdout, `contact ${tg} merged into contact ${wa}\n`);
  t.equal(await person(), wa);
  t.equal((await omni('merge', tg, '--into', wa)).stdout, `contact ${tg} was already merged into contact ${wa}\n`);
  t.equal((await omni('suggestions')).stdout, '', 'one person: nothing to suggest');
  t.match(await stderrOf(omni('merge', wa, '--into', tg)), `contact ${tg} is already merged into contact ${wa}`);

  t.equal((await omni('unmerge', tg)).stdout, `contact ${tg} unmerged\n`);
  t.equal(await person(), null);

  t.match(
    (await auditRows(sql)).filter((row) => row.action.startsWith('contact.')),
    [
      { actor_kind: 'cli', action: 'contact.merged', target_id: tg, detail: { into: whatsapp.contactId } },
      { actor_kind: 'cli', action: 'contact.unmerged', target_id: tg, detail: { from: whatsapp.contactId } },
    ],
  );
  t.match(await stderrOf(omni('merge', tg, '--into', 'me')), /--into: "me" is not a contact id/);
});
