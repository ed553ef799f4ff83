import { OmniError } from '../../errors.js';

/** Where a template list page ends: the last template's name, language and id (the list's order). */
export interface TemplateCursor {
  name: string;
  language: string;
  id: number;
}

/** The template list's cursor as the client sees it: opaque base64url of the JSON of its order key. */
export function encodeTemplateCursor({ name, language, id }: TemplateCursor): string {
  return Buffer.from(JSON.stringify([name, language, id])).toString('base64url');
}

/** Reads a cursor from `encodeTemplateCursor`; anything else is a 400. */
export function decodeTemplateCursor(value: string): TemplateCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string' &&
    Number.isSafeInteger(parsed[2]) &&
    parsed[2] > 0
  )
    return { name: parsed[0], language: parsed[1], id: parsed[2] };
  throw new OmniError('OMNI_ERR_API_BAD_REQUEST', 'cursor is not one this API gave out');
}
