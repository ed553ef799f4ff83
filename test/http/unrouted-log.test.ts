import t from 'tap';
import { UnroutedLog } from '../../src/http/unrouted-log.js';

t.test('the first unrouted item of each account in a window gets a line; the rest are summed up', async (t) => {
  const log = new UnroutedLog();
  t.same(
    [log.admit('whatsapp', '1'), log.admit('whatsapp', '1'), log.admit('whatsapp', '2'), log.admit('whatsapp', '1')],
    [true, false, true, false],
  );
  t.same(log.endWindow(), {
    items: 4,
    top: [
      { account: 'whatsapp:1', items: 3 },
      { account: 'whatsapp:2', items: 1 },
    ],
  });
  t.ok(log.admit('whatsapp', '1'), 'a new window logs the account again');
  t.equal(log.endWindow(), null, 'nothing held back: no summary');
});
