import t from 'tap';
import { fillTemplate, previewBody, templateForm } from '../../web/inbox/template-parameters.js';
import { checkWhatsAppTemplate } from '../../src/platforms/whatsapp/template-check.js';
import { TEMPLATE_COMPONENTS } from '../helpers/templates.js';

const approved = (components: readonly unknown[]) => ({ name: 't', language: 'en_US', status: 'APPROVED', components });

t.test('a positional template asks for its header, body and URL button values, with Meta’s examples', async (t) => {
  const components = [
    TEMPLATE_COMPONENTS.textHeader,
    TEMPLATE_COMPONENTS.positionalBody,
    { type: 'FOOTER', text: 'Thanks' },
    TEMPLATE_COMPONENTS.buttons,
  ];
  const form = templateForm(components);
  t.same(
    form.parameters.map(({ key, example }) => ({ key, example })),
    [
      { key: 'header:1', example: 'Summer Sale' },
      { key: 'body:1', example: 'Jim' },
      { key: 'body:2', example: '#1042' },
      { key: 'button:1', example: 'https://shop.example.com/track/1042' },
    ],
    'the quick-reply and phone buttons take nothing',
  );
  t.equal(form.mediaHeader, undefined);
  const values = { 'header:1': 'Winter Sale', 'body:1': 'Ana', 'body:2': '#77', 'button:1': '77' };
  const filled = fillTemplate(form.parameters, values);
  t.same(filled, [
    { type: 'header', parameters: [{ type: 'text', text: 'Winter Sale' }] },
    {
      type: 'body',
      parameters: [
        { type: 'text', text: 'Ana' },
        { type: 'text', text: '#77' },
      ],
    },
    { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '77' }] },
  ]);
  t.equal(checkWhatsAppTemplate(approved(components), filled), undefined, 'the server’s check takes it');
  t.equal(previewBody(form, values), 'Hi Ana, your order #77 is on its way.');
  t.equal(previewBody(form, { 'body:1': 'Ana' }), 'Hi Ana, your order {{2}} is on its way.', 'unfilled stays visible');
});

t.test('positional placeholders are numbered as Meta numbers them, whatever order the text uses', async (t) => {
  const form = templateForm([{ type: 'BODY', text: 'Order {{2}} for {{1}}; again {{2}}' }]);
  t.same(
    form.parameters.map((p) => p.key),
    ['body:1', 'body:2'],
    'each once, in number order',
  );
  t.same(fillTemplate(form.parameters, { 'body:1': 'Ana', 'body:2': '#9' }), [
    {
      type: 'body',
      parameters: [
        { type: 'text', text: 'Ana' },
        { type: 'text', text: '#9' },
      ],
    },
  ]);
});

t.test('named placeholders are sent with their parameter_name', async (t) => {
  const components = [TEMPLATE_COMPONENTS.namedBody];
  const form = templateForm(components);
  t.same(
    form.parameters.map(({ key, named, example }) => ({ key, named, example })),
    [
      { key: 'body:first_name', named: true, example: 'Jim' },
      { key: 'body:order_id', named: true, example: '#1042' },
    ],
  );
  const filled = fillTemplate(form.parameters, { 'body:first_name': 'Ana', 'body:order_id': '#5' });
  t.same(filled, [
    {
      type: 'body',
      parameters: [
        { type: 'text', parameter_name: 'first_name', text: 'Ana' },
        { type: 'text', parameter_name: 'order_id', text: '#5' },
      ],
    },
  ]);
  t.equal(checkWhatsAppTemplate(approved(components), filled), undefined);
});

t.test('a template without parameters fills to no components; a media header is named, not asked for', async (t) => {
  t.same(fillTemplate(templateForm([{ type: 'BODY', text: 'Hello!' }]).parameters, {}), []);
  const form = templateForm([TEMPLATE_COMPONENTS.imageHeader, TEMPLATE_COMPONENTS.positionalBody]);
  t.equal(form.mediaHeader, 'IMAGE');
  t.same(
    form.parameters.map((p) => p.key),
    ['body:1', 'body:2'],
  );
  const otp = templateForm(TEMPLATE_COMPONENTS.authentication);
  t.same(
    otp.parameters.map((p) => p.key),
    ['body:1', 'button:0'],
    'an authentication template: the code, in the body and its copy button',
  );
});
