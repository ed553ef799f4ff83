import t from 'tap';
import type { TemplateDefinition } from '../../../src/platforms/platform.js';
import { checkWhatsAppTemplate } from '../../../src/platforms/whatsapp/template-check.js';
import { TEMPLATE_COMPONENTS } from '../../helpers/templates.js';

// Stored components are Meta's, as `GET /{waba-id}/message_templates` answers them; given ones are
// what a reply sends (`template.components` of `POST /{phone-number-id}/messages`).
const template = (components: readonly unknown[], status = 'APPROVED'): TemplateDefinition => ({
  name: 'order_update',
  language: 'en_US',
  status,
  components,
});
const text = (value: string) => ({ type: 'text', text: value });
const body = (...parameters: unknown[]) => ({ type: 'body', parameters });
const check = checkWhatsAppTemplate;

t.test('only an APPROVED template is sent, and the refusal names its status', async (t) => {
  for (const status of ['PENDING', 'REJECTED', 'PAUSED', 'DISABLED']) {
    t.match(check(template([], status), undefined), {
      code: 'OMNI_ERR_REPLY_TEMPLATE_NOT_APPROVED',
      message: `its status is ${status}, not APPROVED: Meta sends only approved templates`,
    });
  }
  t.equal(check(template([]), undefined), undefined, 'an approved template without placeholders needs no components');
});

t.test('a positional body takes one parameter per distinct placeholder, no more, no fewer', async (t) => {
  const stored = template([TEMPLATE_COMPONENTS.positionalBody]);
  t.equal(check(stored, [body(text('Jim'), text('#1042'))]), undefined);
  t.match(check(stored, [body(text('Jim'))]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: 'its body takes 2 parameters ({{1}}, {{2}}); the reply gives 1',
  });
  t.match(check(stored, undefined), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: 'its body takes 2 parameters ({{1}}, {{2}}); the reply gives 0',
  });
  t.match(check(stored, [body(text('a'), text('b'), text('c'))]), { message: /the reply gives 3/ });
  t.match(check(stored, [body(text('Jim'), text(' '))]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: "its body's parameter 2 is an empty text",
  });
  const amount = { type: 'currency', currency: { fallback_value: '$10', code: 'USD', amount_1000: 10000 } };
  t.equal(check(stored, [body(text('Jim'), amount)]), undefined, 'currency and date_time parameters pass as given');
  const repeated = template([{ type: 'BODY', text: 'Hi {{1}}, yes {{1}}: order {{2}}' }]);
  t.equal(check(repeated, [body(text('Jim'), text('#1042'))]), undefined, 'a repeated placeholder counts once');
});

t.test('a body without placeholders takes no parameters', async (t) => {
  const stored = template([{ type: 'BODY', text: 'Thanks for your order!' }]);
  t.equal(check(stored, []), undefined);
  t.equal(check(stored, [body()]), undefined, 'an empty body component is no parameter');
  t.match(check(stored, [body(text('extra'))]), { message: 'its body takes no parameters; the reply gives 1' });
});

t.test('named placeholders need their parameter_name, each of them', async (t) => {
  const stored = template([TEMPLATE_COMPONENTS.namedBody]);
  const named = (name: string, value: string) => ({ ...text(value), parameter_name: name });
  t.equal(check(stored, [body(named('order_id', '#1042'), named('first_name', 'Jim'))]), undefined, 'in any order');
  t.match(check(stored, [body(named('first_name', 'Jim'))]), {
    message: 'its body takes 2 parameters ({{first_name}}, {{order_id}}); the reply gives 1',
  });
  t.match(check(stored, [body(named('first_name', 'Jim'), text('#1042'))]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: 'its body has named parameters: each needs its parameter_name; missing "order_id"',
  });
  t.match(check(stored, [body(named('first_name', 'Jim'), named('first_name', 'Jo'))]), {
    message: /missing "order_id"/,
  });
});

t.test('a text header with a placeholder takes its parameter; one without takes none', async (t) => {
  const stored = template([TEMPLATE_COMPONENTS.textHeader, { type: 'BODY', text: 'Hello' }]);
  t.equal(check(stored, [{ type: 'header', parameters: [text('Summer Sale')] }]), undefined);
  t.match(check(stored, []), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: 'its header takes 1 parameter ({{1}}); the reply gives 0',
  });
  const plain = template([{ type: 'HEADER', format: 'TEXT', text: 'Welcome' }]);
  t.equal(check(plain, undefined), undefined);
  t.match(check(template([]), [{ type: 'header', parameters: [text('x')] }]), {
    message: 'it has no header; the reply gives a header component',
  });
});

t.test('a media header needs its file as a parameter of its format', async (t) => {
  const image = template([TEMPLATE_COMPONENTS.imageHeader]);
  const imageParameter = { type: 'image', image: { link: 'https://cdn.example.com/sale.jpg' } };
  t.equal(check(image, [{ type: 'HEADER', parameters: [imageParameter] }]), undefined, 'component types in any case');
  t.equal(check(image, [{ type: 'header', parameters: [{ type: 'image', image: { id: '1234' } }] }]), undefined);
  t.match(check(image, undefined), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_HEADER_MEDIA',
    message: /^its header is IMAGE: the reply needs a header component with one image parameter/,
  });
  t.match(check(image, [{ type: 'header', parameters: [text('sale.jpg')] }]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_HEADER_MEDIA',
  });
  const video = template([{ type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::dmlk'] } }]);
  t.match(check(video, [{ type: 'header', parameters: [imageParameter] }]), { message: /one video parameter/ });
  const document = template([{ type: 'HEADER', format: 'DOCUMENT' }]);
  t.equal(
    check(document, [
      { type: 'header', parameters: [{ type: 'document', document: { link: 'https://x.test/a.pdf' } }] },
    ]),
    undefined,
  );
  t.match(check(document, []), { message: /^its header is DOCUMENT/ });
});

t.test('a URL button with a dynamic suffix needs a url button component at its index with one text', async (t) => {
  const stored = template([{ type: 'BODY', text: 'Your order shipped' }, TEMPLATE_COMPONENTS.buttons]);
  const urlButton = (index: unknown, ...parameters: unknown[]) => ({
    type: 'button',
    sub_type: 'url',
    index,
    parameters,
  });
  t.equal(check(stored, [urlButton('1', text('1042'))]), undefined, 'index as a string, as Meta documents');
  t.equal(check(stored, [urlButton(1, text('1042'))]), undefined, 'or as a number');
  t.match(check(stored, []), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
    message:
      'its URL button 1 has a dynamic suffix: the reply needs a button component with sub_type "url", index 1 and one text parameter',
  });
  t.match(check(stored, [urlButton('1')]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
    message: "its URL button 1 takes one text parameter (the url's suffix); the reply gives 0 parameters",
  });
  t.match(check(stored, [urlButton('1', text('a'), text('b'))]), { message: /gives 2 parameters/ });
  t.match(check(stored, [urlButton('1', text('1042')), urlButton('2', text('x'))]), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
    message: /^its button 2 is not a URL button with a dynamic suffix/,
  });
  const quickReply = {
    type: 'button',
    sub_type: 'quick_reply',
    index: '0',
    parameters: [{ type: 'payload', payload: 'STOP' }],
  };
  t.equal(check(stored, [quickReply, urlButton('1', text('1042'))]), undefined, 'quick-reply payloads pass as given');
});

t.test('an authentication template fills its code in the body and in the copy-code URL button', async (t) => {
  const stored = template(TEMPLATE_COMPONENTS.authentication);
  const code = text('492051');
  t.equal(check(stored, [body(code), { type: 'button', sub_type: 'url', index: '0', parameters: [code] }]), undefined);
  t.match(check(stored, [body(code)]), { code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON' });
});

t.test('malformed components are refused, naming the one at fault', async (t) => {
  const stored = template([TEMPLATE_COMPONENTS.positionalBody]);
  t.match(check(stored, [body(text('a'), text('b')), 'body']), {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: 'template.components[1] is not a component with a type',
  });
  t.match(check(stored, [body(text('a'), text('b')), body(text('c'), text('d'))]), {
    message: 'the reply gives 2 body components; a template has one',
  });
  t.match(check(stored, [{ type: 'body', parameters: 'Jim' }]), {
    message: "the body component's parameters is not a list",
  });
});
