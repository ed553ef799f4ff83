// A WhatsApp template's parameters as the template picker asks for them, and the `components` of
// the reply that fills them. Pure, tested by calling it (test/web/template-parameters.test.ts);
// the server checks the filled template again (src/platforms/whatsapp/template-check.ts).

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One value the agent fills in: a placeholder of the header or body, or a URL button's suffix. */
export interface TemplateParameter {
  /** Unique within the template: `body:1`, `header:first_name`, `button:0`. */
  key: string;
  component: 'header' | 'body' | 'button';
  /** The placeholder's name (`1`, `first_name`), or the button's index for a button. */
  name: string;
  /** Named placeholders (`{{first_name}}`) are sent with their `parameter_name`. */
  named: boolean;
  /** The button's position among the template's buttons. */
  buttonIndex?: number;
  /** Meta's example value, shown as the input's placeholder. */
  example?: string;
}

/** What the picker needs of a template: its parameters, or why it cannot fill it (a media header needs a file). */
export interface TemplateForm {
  parameters: TemplateParameter[];
  /** The header's media format (IMAGE, VIDEO, DOCUMENT, LOCATION): the picker cannot send it. */
  mediaHeader?: string;
  /** The body's text, for the preview. */
  body: string;
}

const MEDIA_FORMATS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']);

/** The distinct placeholders of a text in the order Meta numbers them: positional by number, named as they appear. */
export function placeholdersOf(text: unknown): { named: boolean; names: string[] } {
  if (typeof text !== 'string') return { named: false, names: [] };
  const names = [...new Set([...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1] ?? ''))];
  const named = names.some((name) => !/^\d+$/.test(name));
  return { named, names: named ? names : names.sort((a, b) => Number(a) - Number(b)) };
}

/** The example values Meta keeps for a header's or body's placeholders, by name. */
function examplesOf(component: Json): Map<string, string> {
  const example = isObject(component.example) ? component.example : {};
  const named = [
    ...(Array.isArray(example.body_text_named_params) ? example.body_text_named_params : []),
    ...(Array.isArray(example.header_text_named_params) ? example.header_text_named_params : []),
  ].filter(isObject);
  const examples = new Map(named.map((p) => [String(p.param_name), String(p.example)]));
  const positional = Array.isArray(example.body_text)
    ? example.body_text[0]
    : Array.isArray(example.header_text)
      ? example.header_text
      : [];
  if (Array.isArray(positional)) {
    for (const [i, value] of positional.entries()) examples.set(String(i + 1), String(value));
  }
  return examples;
}

function textParameters(component: Json, kind: 'header' | 'body'): TemplateParameter[] {
  const { named, names } = placeholdersOf(component.text);
  const examples = examplesOf(component);
  return names.map((name) => ({
    key: `${kind}:${name}`,
    component: kind,
    name,
    named,
    ...(examples.has(name) ? { example: examples.get(name) } : {}),
  }));
}

/** The URL buttons with a placeholder in their url, and one-time-password buttons: each takes one text. */
function buttonParameters(component: Json): TemplateParameter[] {
  const buttons = Array.isArray(component.buttons) ? component.buttons : [];
  return buttons.flatMap((button, index) => {
    if (!isObject(button)) return [];
    const type = String(button.type).toUpperCase();
    const dynamic = type === 'OTP' || (type === 'URL' && placeholdersOf(button.url).names.length > 0);
    if (!dynamic) return [];
    const example = Array.isArray(button.example) ? button.example[0] : undefined;
    return [
      {
        key: `button:${index}`,
        component: 'button' as const,
        name: String(index),
        named: false,
        buttonIndex: index,
        ...(typeof example === 'string' ? { example } : {}),
      },
    ];
  });
}

/** A stored template's `components` (as Meta lists them) as the values the picker asks for. */
export function templateForm(components: readonly unknown[]): TemplateForm {
  const form: TemplateForm = { parameters: [], body: '' };
  for (const component of components.filter(isObject)) {
    const type = String(component.type).toUpperCase();
    if (type === 'HEADER') {
      const format = typeof component.format === 'string' ? component.format.toUpperCase() : 'TEXT';
      if (MEDIA_FORMATS.has(format)) form.mediaHeader = format;
      else form.parameters.push(...textParameters(component, 'header'));
    } else if (type === 'BODY') {
      form.parameters.push(...textParameters(component, 'body'));
      form.body = typeof component.text === 'string' ? component.text : '';
    } else if (type === 'BUTTONS') form.parameters.push(...buttonParameters(component));
  }
  return form;
}

/** A text parameter as the Cloud API takes it: named ones with their `parameter_name`. */
const textParameter = (parameter: TemplateParameter, text: string) => ({
  type: 'text',
  ...(parameter.named ? { parameter_name: parameter.name } : {}),
  text,
});

/**
 * The reply's `components` filling these parameters with `values` (by key): a header and a body
 * component with their parameters in order, and a `url` button component for each button filled.
 * A template without parameters answers an empty list.
 */
export function fillTemplate(parameters: readonly TemplateParameter[], values: Readonly<Record<string, string>>) {
  const given = (parameter: TemplateParameter) => values[parameter.key] ?? '';
  const components: Json[] = [];
  for (const kind of ['header', 'body'] as const) {
    const own = parameters.filter((p) => p.component === kind);
    if (own.length > 0) components.push({ type: kind, parameters: own.map((p) => textParameter(p, given(p))) });
  }
  for (const button of parameters.filter((p) => p.component === 'button')) {
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(button.buttonIndex),
      parameters: [{ type: 'text', text: given(button) }],
    });
  }
  return components;
}

/** The body as the customer will read it: each placeholder filled where a value is given, else left as it is. */
export function previewBody(form: TemplateForm, values: Readonly<Record<string, string>>): string {
  return form.body.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[`body:${name}`];
    return value ? value : whole;
  });
}
