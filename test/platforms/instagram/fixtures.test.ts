import t from 'tap';
import { createInstagramAdapter } from '../../../src/platforms/instagram/adapter.js';
import { extractInstagram } from '../../../src/platforms/instagram/extract.js';
import { loadFixtures } from '../../helpers/fixtures.js';
import { checkFixture } from '../../helpers/meta-fixtures.js';

const adapter = createInstagramAdapter({ appSecret: 'app-secret', verifyToken: 'verify-token' });
const fixtures = loadFixtures('instagram');

t.test('every captured Instagram body yields the messages, statuses and events its fixture expects', async (t) => {
  for (const fixture of fixtures) {
    t.test(fixture.id, async (t) => checkFixture(t, 'instagram', fixture, adapter.extract(fixture.body)));
  }
});

t.test('reading the same body twice gives the same items, so redeliveries insert nothing new', async (t) => {
  for (const fixture of fixtures) {
    const receivedAt = '2026-01-01T00:00:00.000Z';
    t.same(extractInstagram(fixture.body, receivedAt), extractInstagram(structuredClone(fixture.body), receivedAt), fixture.id);
  }
});
