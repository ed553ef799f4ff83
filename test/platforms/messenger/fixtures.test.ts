import t from 'tap';
import { createMessengerAdapter } from '../../../src/platforms/messenger/adapter.js';
import { extractMessenger } from '../../../src/platforms/messenger/extract.js';
import { loadFixtures } from '../../helpers/fixtures.js';
import { checkFixture } from '../../helpers/meta-fixtures.js';

const adapter = createMessengerAdapter({ appSecret: 'app-secret', verifyToken: 'verify-token' });
const fixtures = loadFixtures('messenger');

t.test('every captured Messenger body yields the messages, statuses and events its fixture expects', async (t) => {
  for (const fixture of fixtures) {
    t.test(fixture.id, async (t) => checkFixture(t, 'messenger', fixture, adapter.extract(fixture.body)));
  }
});

t.test('reading the same body twice gives the same items, so redeliveries insert nothing new', async (t) => {
  for (const fixture of fixtures) {
    const receivedAt = '2026-01-01T00:00:00.000Z';
    t.same(extractMessenger(fixture.body, receivedAt), extractMessenger(structuredClone(fixture.body), receivedAt), fixture.id);
  }
});
