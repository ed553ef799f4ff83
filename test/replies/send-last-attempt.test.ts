import t from 'tap';
import { stopWorker } from '../../src/processor/worker.js';
import { startReplyStack } from '../helpers/replies.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

t.test('a send job on its last receive fails the reply for good rather than go back to the queue', async (t) => {
  // One receive per message: every run of a job is its last, and a retry would go to the DLQ.
  const stack = await startReplyStack(t, { maxReceives: 1, workers: 0 });
  const [filer] = stack.startWorkers(1);
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.LAST-IN-1', Math.floor(Date.now() / 1000), 'Still there?'), [
    'wamid.LAST-IN-1',
  ]);
  await stopWorker(filer!);
  const { conversationId } = await stack.inbound('wamid.LAST-IN-1');

  // The account's next slot is a minute off, as at the end of a long burst.
  await stack.sql`
    insert into send_rate (account_key, next_slot)
    select c.platform || ':' || coalesce(c.account, ''), now() + interval '60 seconds'
    from conversations c where c.id = ${conversationId}`;
  const waiting = (await stack.reply(conversationId, { text: 'Behind the burst' })).json().message.id;
  // An attempt of an earlier receive is open: the worker that made it may still get its answer.
  const open = (await stack.reply(conversationId, { text: 'Maybe sent' })).json().message.id;
  await stack.sql`update messages set send_started_at = clock_timestamp() where id = ${open}`;
  stack.startWorkers(1);

  t.test('one that would wait for its send slot fails as retries exhausted, and agents see it', async (t) => {
    const failed = await stack.settled(waiting);
    t.equal(failed.delivery_status, 'failed');
    t.match(failed.delivery_error, { code: 'OMNI_ERR_REPLY_RETRIES_EXHAUSTED', message: /send slot/ });
    t.equal(failed.job_status, 'processed');
    t.equal(await stack.shownStatus(conversationId, waiting), 'failed');
    t.notOk(
      stack.fake.requests.some((r) => JSON.stringify(r.body).includes('Behind the burst')),
      'never sent',
    );
  });

  t.test('one whose earlier attempt is still open fails as outcome unknown', async (t) => {
    const failed = await stack.settled(open);
    t.equal(failed.delivery_status, 'failed');
    t.match(failed.delivery_error, { code: 'OMNI_ERR_REPLY_OUTCOME_UNKNOWN' });
    t.equal(failed.job_status, 'processed');
  });
});
