import type { TemplateDefinition, TemplateProblem } from '../platform.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Header formats filled at send time by one parameter of their own type (a file, or a place), by that type. */
const MEDIA_FORMATS: Readonly<Record<string, string>> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location',
};

/**
 * The placeholders of a text: `{{1}}`, `{{2}}`… (positional) or `{{first_name}}` (named, Meta's
 * `parameter_format: NAMED`). Each counts once, however often it appears.
 */
function placeholdersOf(text: unknown): { named: boolean; names: string[] } {
  const found = typeof text === 'string' ? [...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1] ?? '') : [];
  const names = [...new Set(found)];
  return { named: names.some((name) => !/^\d+$/.test(name)), names };
}

/** The parameters a reply gives for one stored component, checked against the component's placeholders. */
function checkParameters(label: string, text: unknown, given: Json | undefined): TemplateProblem | undefined {
  const { named, names } = placeholdersOf(text);
  const parameters = given?.parameters === undefined ? [] : given.parameters;
  if (!Array.isArray(parameters))
    return { code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS', message: `the ${label} component's parameters is not a list` };
  if (parameters.length !== names.length) {
    const expected =
      names.length === 0
        ? 'no parameters'
        : `${plural(names.length, 'parameter')} (${names.map((n) => `{{${n}}}`).join(', ')})`;
    return {
      code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
      message: `its ${label} takes ${expected}; the reply gives ${parameters.length}`,
    };
  }
  // An empty value is what an unfilled campaign variable sends: Meta refuses it, the customer would see a gap.
  const empty = parameters.findIndex(
    (p) => isObject(p) && lower(p.type) === 'text' && !(typeof p.text === 'string' && p.text.trim() !== ''),
  );
  if (empty !== -1)
    return {
      code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
      message: `its ${label}'s parameter ${empty + 1} is an empty text`,
    };
  if (!named) return undefined;
  const givenNames = parameters.map((p) => (isObject(p) ? p.parameter_name : undefined));
  const missing = names.filter((name) => !givenNames.includes(name));
  if (missing.length === 0) return undefined;
  return {
    code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
    message: `its ${label} has named parameters: each needs its parameter_name; missing ${missing.map((n) => `"${n}"`).join(', ')}`,
  };
}

function checkHeader(header: Json, given: Json | undefined): TemplateProblem | undefined {
  const format = typeof header.format === 'string' ? header.format.toUpperCase() : 'TEXT';
  const mediaType = MEDIA_FORMATS[format];
  if (!mediaType) return checkParameters('header', header.text, given);
  const parameters = Array.isArray(given?.parameters) ? given.parameters : [];
  const [parameter] = parameters;
  if (
    parameters.length === 1 &&
    isObject(parameter) &&
    lower(parameter.type) === mediaType &&
    isObject(parameter[mediaType])
  )
    return undefined;
  return {
    code: 'OMNI_ERR_REPLY_TEMPLATE_HEADER_MEDIA',
    message: `its header is ${format}: the reply needs a header component with one ${mediaType} parameter ({ "type": "${mediaType}", "${mediaType}": { … } })`,
  };
}

/**
 * The buttons a reply must fill with one text, by index: URL buttons whose url holds a placeholder,
 * and an authentication template's one-time-password button (OTP), whose code is sent as a url
 * button's parameter.
 */
function dynamicUrlButtons(stored: Json | undefined): Set<number> {
  const buttons = Array.isArray(stored?.buttons) ? stored.buttons : [];
  const dynamic = new Set<number>();
  buttons.forEach((button, index) => {
    if (!isObject(button)) return;
    const type = lower(button.type);
    if (type === 'otp' || (type === 'url' && placeholdersOf(button.url).names.length > 0)) dynamic.add(index);
  });
  return dynamic;
}

function checkButtons(stored: Json | undefined, given: Json[]): TemplateProblem | undefined {
  const dynamic = dynamicUrlButtons(stored);
  const filled = new Set<number>();
  for (const button of given) {
    const index = Number(button.index);
    if (lower(button.sub_type) !== 'url') continue;
    if (!dynamic.has(index)) {
      return {
        code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
        message: `its button ${String(button.index)} is not a URL button with a dynamic suffix: it takes no url parameter`,
      };
    }
    const parameters = Array.isArray(button.parameters) ? button.parameters : [];
    const [parameter] = parameters;
    if (
      parameters.length !== 1 ||
      !isObject(parameter) ||
      lower(parameter.type) !== 'text' ||
      typeof parameter.text !== 'string'
    ) {
      return {
        code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
        message: `its URL button ${index} takes one text parameter (the url's suffix); the reply gives ${parameters.length} parameters`,
      };
    }
    filled.add(index);
  }
  const unfilled = [...dynamic].filter((index) => !filled.has(index));
  if (unfilled.length === 0) return undefined;
  return {
    code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
    message: `its URL button ${unfilled[0]} has a dynamic suffix: the reply needs a button component with sub_type "url", index ${unfilled[0]} and one text parameter`,
  };
}

/**
 * Whether a template reply's `components` fill this template as Meta will require, so that a reply
 * Meta would refuse (error 132000, parameter count mismatch; 132012, format mismatch) is refused
 * before it is queued, saying what is wrong: the template is approved; the header and body get one
 * parameter per distinct placeholder (with `parameter_name` when they are named); a media header
 * gets its file; a URL button with a dynamic suffix gets its text. Components Omni does not model
 * (carousels, offers, copy codes, quick-reply payloads) pass to Meta as given.
 */
export function checkWhatsAppTemplate(
  template: TemplateDefinition,
  components: readonly unknown[] | undefined,
): TemplateProblem | undefined {
  if (template.status !== 'APPROVED') {
    return {
      code: 'OMNI_ERR_REPLY_TEMPLATE_NOT_APPROVED',
      message: `its status is ${template.status}, not APPROVED: Meta sends only approved templates`,
    };
  }
  const given = components ?? [];
  const malformed = given.findIndex((c) => !isObject(c) || typeof c.type !== 'string');
  if (malformed !== -1)
    return {
      code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
      message: `template.components[${malformed}] is not a component with a type`,
    };
  const ofType = (type: string) => (given as Json[]).filter((c) => lower(c.type) === type);
  const stored = (type: string) => template.components.find((c): c is Json => isObject(c) && lower(c.type) === type);
  for (const type of ['header', 'body']) {
    const parts = ofType(type);
    if (parts.length > 1)
      return {
        code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
        message: `the reply gives ${parts.length} ${type} components; a template has one`,
      };
    const definition = stored(type);
    if (!definition) {
      if (parts.length === 0) continue;
      return {
        code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
        message: `it has no ${type}; the reply gives a ${type} component`,
      };
    }
    const problem =
      type === 'header' ? checkHeader(definition, parts[0]) : checkParameters(type, definition.text, parts[0]);
    if (problem) return problem;
  }
  return checkButtons(stored('buttons'), ofType('button'));
}
