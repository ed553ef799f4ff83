/**
 * The building blocks of the API's JSON schemas, which are both what answers are serialised through
 * and the OpenAPI document at `/docs/json`: objects whose fields are always answered (so a generated
 * client types them as present), nullable types, the error body of the catalogue, binary bodies.
 */
import { STATUS_CODES } from 'node:http';
import { ERRORS } from '../../errors.js';

type Properties = Record<string, object>;

interface ObjectOptions {
  /** The fields an answer may leave out; every other one is always there (null when it has no value). */
  optional?: readonly string[];
  description?: string;
  additionalProperties?: boolean;
}

/** An object whose every field is required but the `optional` ones. */
export function objectOf<P extends Properties>(properties: P, options: ObjectOptions = {}) {
  const { optional = [], ...rest } = options;
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return { type: 'object' as const, ...rest, required, properties };
}

/** `objectOf`, or null. */
export function nullableObjectOf<P extends Properties>(properties: P, options: ObjectOptions = {}) {
  return { ...objectOf(properties, options), type: ['object', 'null'] };
}

/** A type, or null: declared exactly, so the serialiser writes null as null (never "" or 0). */
export const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = nullable('string', { format: 'date-time' });

/** What each refusal means, said once for every route that answers it. */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request breaks its schema or a rule of the route',
  401: 'No valid session or API token',
  403: 'Refused: an admin-only route, or a cookie request neither JSON nor with X-Requested-With',
  404: 'Not found, or outside the caller’s channels',
  409: 'Conflicts with what is stored',
  410: 'Gone',
  413: 'The body is larger than allowed',
  416: 'The range is outside the file',
  429: 'Too many requests: try again later',
  500: 'Internal error (details are logged, not answered)',
  502: 'A platform did not answer as expected',
  503: 'Unavailable now: try again later',
};

/**
 * The error body every refusal has, `{ error: { code, message } }`, with `code` one of the
 * catalogue's codes of that status (`src/errors.ts`).
 */
export function errorResponse(status: number) {
  const codes = Object.entries(ERRORS)
    .filter(([, error]) => error.status === status)
    .map(([code]) => code);
  if (codes.length === 0) throw new Error(`the error catalogue has no code answered with ${status}`);
  return {
    ...objectOf({
      error: objectOf({ code: { type: 'string', enum: codes }, message: { type: 'string' } }),
    }),
    description: ERROR_MEANINGS[status] ?? STATUS_CODES[status],
  };
}

/** Error bodies for each of these statuses, as a route's `response` takes them. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, errorResponse(status)]));
}

/** A file's bytes, of whatever type it was stored with. */
export function binaryResponse(description: string, headers: Record<string, object> = {}) {
  return { description, headers, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } };
}

/** An answer without a body: 204, 304. */
export const noBody = (description: string) => ({ type: 'null', description });
