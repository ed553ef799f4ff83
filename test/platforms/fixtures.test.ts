import t from 'tap';
import { extractInstagram } from '../../src/platforms/instagram/extract.js';
import { extractMessenger } from '../../src/platforms/messenger/extract.js';
import { platformFor } from '../../src/platforms/registry.js';
import { extractTelegramUpdate } from '../../src/platforms/telegram/extract.js';
import { PLATFORM_NAMES, type ExtractResult, type PlatformName } from '../../src/platforms/types.js';
import { extractWhatsApp } from '../../src/platforms/whatsapp/extract.js';
import { checkFixture } from '../helpers/check-fixture.js';
import { loadFixtures } from '../helpers/fixtures.js';

const LABELS: Record<PlatformName, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
  telegram: 'Telegram',
};

/** How many fixtures each corpus held when this test was written: a loader that finds fewer lost some. */
const CORPUS_SIZE: Record<PlatformName, number> = { whatsapp: 29, messenger: 15, instagram: 13, telegram: 28 };

/** Extraction at one fixed receive time, so anything derived from the clock is the same on both reads. */
const RECEIVED_AT = '2026-01-01T00:00:00.000Z';
const EXTRACT_AT_FIXED_TIME: Record<PlatformName, (body: unknown) => ExtractResult> = {
  whatsapp: (body) => extractWhatsApp(body, RECEIVED_AT),
  messenger: (body) => extractMessenger(body, RECEIVED_AT),
  instagram: (body) => extractInstagram(body, RECEIVED_AT),
  telegram: (body) => extractTelegramUpdate(body, new Date(RECEIVED_AT)),
};

for (const platform of PLATFORM_NAMES) {
  const { extract: extractNow } = platformFor(platform);
  const fixtures = loadFixtures(platform);
  const label = LABELS[platform];

  t.test(`every captured ${label} body yields the messages, statuses and events its fixture expects`, async (t) => {
    t.ok(fixtures.length >= CORPUS_SIZE[platform], `the ${label} corpus holds every collected fixture`);
    for (const fixture of fixtures) {
      t.test(fixture.id, async (t) => checkFixture(t, platform, fixture, extractNow(fixture.body)));
    }
  });

  t.test(`reading the same ${label} body twice gives the same items, so redeliveries insert nothing new`, async (t) => {
    const extract = EXTRACT_AT_FIXED_TIME[platform];
    for (const fixture of fixtures) {
      t.same(extract(fixture.body), extract(structuredClone(fixture.body)), fixture.id);
    }
  });
}
