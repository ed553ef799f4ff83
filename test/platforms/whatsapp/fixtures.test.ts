import t from 'tap';
import { createWhatsAppAdapter } from '../../../src/platforms/whatsapp/adapter.js';
import { extractWhatsApp } from '../../../src/platforms/whatsapp/extract.js';
import { loadFixtures } from '../../helpers/fixtures.js';
import { checkFixture } from '../../helpers/meta-fixtures.js';

const adapter = createWhatsAppAdapter({ appSecret: 'app-secret', verifyToken: 'verify-token' });
const fixtures = loadFixtures('whatsapp');

t.test('every captured WhatsApp body yields the messages, statuses and events its fixture expects', async (t) => {
  for (const fixture of fixtures) {
    t.test(fixture.id, async (t) => checkFixture(t, 'whatsapp', fixture, adapter.extract(fixture.body)));
  }
});

t.test('reading the same body twice gives the same items, so redeliveries insert nothing new', async (t) => {
  for (const fixture of fixtures) {
    const receivedAt = '2026-01-01T00:00:00.000Z';
    t.same(extractWhatsApp(fixture.body, receivedAt), extractWhatsApp(structuredClone(fixture.body), receivedAt), fixture.id);
  }
});
