import t from 'tap';
import { RetryJobLater } from '../../src/jobs/types.js';
import { receiveCount, retryDelaySeconds } from '../../src/processor/handle-queue-message.js';

const MAX_RECEIVES = 5;

t.test('a failed item waits twice as long after each receive, from the base delay', async (t) => {
  t.same(
    [1, 2, 3, 4].map((count) => retryDelaySeconds(count, 2, MAX_RECEIVES, new Error('database down'))),
    [2, 4, 8, 16],
  );
  t.equal(retryDelaySeconds(1, 0, MAX_RECEIVES), 0, 'a base of 0 retries at once');
});

t.test('the backoff stops growing at 15 minutes', async (t) => {
  t.equal(retryDelaySeconds(10, 2, 20), 900);
  t.equal(retryDelaySeconds(19, 30, 20), 900);
});

t.test('a job that asks to retry later waits what it asked for, not the backoff', async (t) => {
  t.equal(retryDelaySeconds(1, 2, MAX_RECEIVES, new RetryJobLater('429', 30)), 30);
  t.equal(retryDelaySeconds(4, 2, MAX_RECEIVES, new RetryJobLater('429', 1)), 1, 'even when shorter');
  t.equal(retryDelaySeconds(1, 2, MAX_RECEIVES, new RetryJobLater('429', 1.2)), 2, 'in whole seconds, rounded up');
  t.equal(
    retryDelaySeconds(1, 2, MAX_RECEIVES, new RetryJobLater('a day off', 86_400)),
    43_200,
    "at most SQS's 12-hour visibility timeout",
  );
});

t.test('the last receive is released at once, so SQS moves it to the DLQ', async (t) => {
  t.equal(retryDelaySeconds(MAX_RECEIVES, 2, MAX_RECEIVES, new Error('still broken')), 0);
  t.equal(retryDelaySeconds(MAX_RECEIVES, 2, MAX_RECEIVES, new RetryJobLater('429', 30)), 0, 'whatever it asked');
  t.equal(retryDelaySeconds(MAX_RECEIVES + 1, 2, MAX_RECEIVES), 0, 'and any receive past it');
});

t.test("the receive count is SQS's ApproximateReceiveCount, 1 when it was not asked for", async (t) => {
  t.equal(receiveCount({ MessageId: 'a', Attributes: { ApproximateReceiveCount: '3' } }), 3);
  t.equal(receiveCount({ MessageId: 'b' }), 1);
});
