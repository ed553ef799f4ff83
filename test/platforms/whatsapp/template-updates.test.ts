import t from 'tap';
import { extractWhatsApp } from '../../../src/platforms/whatsapp/extract.js';
import { loadFixture } from '../../helpers/fixtures.js';

/** A WABA-level change as Meta sends it: the WABA's entry, its time in seconds, one change. */
const wabaChange = (field: string, value: unknown, time = 1751247548) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', time, changes: [{ field, value }] }],
});

const statusValue = (event: string) => ({
  event,
  message_template_id: 1689556908129832,
  message_template_name: 'order_confirmation',
  message_template_language: 'en_US',
  reason: 'NONE',
});

t.test('an approved template becomes a template_status event of its WABA carrying the status', async (t) => {
  const { body } = loadFixture('whatsapp', 'whatsapp-template-status-approved');
  const { items, errors } = extractWhatsApp(body);
  t.same(errors, []);
  t.match(items, [
    {
      kind: 'event',
      type: 'template_status',
      account: '102290129340398',
      externalId: '1689556908129832',
      timestamp: '2025-06-30T01:39:08.000Z',
      text: 'order_confirmation (en-US): APPROVED',
      content: {
        kind: 'system',
        extra: {
          template: {
            id: '1689556908129832',
            name: 'order_confirmation',
            language: 'en-US',
            event: 'APPROVED',
            status: 'APPROVED',
            category: 'UTILITY',
          },
        },
      },
    },
  ]);
});

t.test('a reinstated template is approved again; a flagged one keeps the status it had', async (t) => {
  const [reinstated] = extractWhatsApp(wabaChange('message_template_status_update', statusValue('REINSTATED'))).items;
  t.match(reinstated?.content?.extra, { template: { event: 'REINSTATED', status: 'APPROVED' } });
  const [flagged] = extractWhatsApp(wabaChange('message_template_status_update', statusValue('FLAGGED'))).items;
  t.match(flagged?.content?.extra, { template: { event: 'FLAGGED' } });
  t.notMatch(flagged?.content?.extra, { template: { status: String } }, 'no status to store');
});

t.test('a category change, completed or announced, carries the category the template has now', async (t) => {
  const { body } = loadFixture('whatsapp', 'whatsapp-template-category-update');
  t.match(extractWhatsApp(body).items, [
    {
      type: 'template_category',
      externalId: '278077987957091',
      content: { extra: { template: { name: 'welcome_template', language: 'en-US', category: 'MARKETING' } } },
    },
  ]);
  const impending = wabaChange('template_category_update', {
    message_template_id: 278077987957091,
    message_template_name: 'welcome_template',
    message_template_language: 'en-US',
    new_category: 'UTILITY',
    correct_category: 'MARKETING',
    category_update_timestamp: 1746169200,
  });
  t.match(extractWhatsApp(impending).items, [{ content: { extra: { template: { category: 'UTILITY' } } } }]);
});

t.test('the same change redelivered has the same key; the same event at a later time is a new one', async (t) => {
  const once = extractWhatsApp(wabaChange('message_template_status_update', statusValue('APPROVED'))).items[0];
  const again = extractWhatsApp(wabaChange('message_template_status_update', statusValue('APPROVED'))).items[0];
  const later = extractWhatsApp(wabaChange('message_template_status_update', statusValue('APPROVED'), 1751300000))
    .items[0];
  t.equal(once?.itemKey, again?.itemKey);
  t.not(once?.itemKey, later?.itemKey);
});

t.test('a template change naming no template is an extract error, the rest of the body kept', async (t) => {
  const { items, errors } = extractWhatsApp(wabaChange('message_template_status_update', { event: 'APPROVED' }));
  t.same(items, []);
  t.match(errors, [{ reason: /message_template_id/ }]);
});
