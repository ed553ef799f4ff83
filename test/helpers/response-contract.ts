import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
// CommonJS: the default import is the module, whose `default` is the plugin.
import ajvFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, RouteOptions } from 'fastify';
import { isDocumentedRoute } from '../../src/http/api-docs.js';

/** A response that is not what its route declares (the route's schemas are the OpenAPI document's). */
export interface ContractViolation {
  route: string;
  status: number;
  problem: string;
}

interface DeclaredResponse {
  type?: unknown;
  content?: Record<string, { schema: object }>;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajvFormats.default(ajv);
// A binary body is checked by its content type, never parsed.
ajv.addFormat('binary', true);

/** One compiled validator per distinct schema, for every app of the test process. */
const validators = new Map<string, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function declaredFor(route: RouteOptions, status: number): DeclaredResponse | undefined {
  const responses = route.schema?.response as Record<string, DeclaredResponse> | undefined;
  return responses?.[status] ?? responses?.[`${String(status)[0]}xx`] ?? responses?.default;
}

const mediaTypeOf = (reply: FastifyReply) =>
  String(reply.getHeader('content-type') ?? 'application/json')
    .split(';')[0]!
    .trim()
    .toLowerCase();
const isJsonMediaType = (mediaType: string) => /^application\/([\w.+-]*\+)?json$/.test(mediaType);

/**
 * The JSON schema a response of this media type must match: the declared one (a `content` map names
 * it by media type, or `*` for any; without one, it is JSON's); undefined when the media type itself
 * is not declared. An answer without a body (`type: 'null'`) may keep the file's type it would have had.
 */
function schemaFor(declared: DeclaredResponse, mediaType: string): object | undefined {
  if (!declared.content) return isJsonMediaType(mediaType) || declared.type === 'null' ? declared : undefined;
  return (declared.content[mediaType] ?? declared.content['*/*'])?.schema;
}

/**
 * Checks every answer of a documented route (`/api/…`, `/webhook/…`) against what the route
 * declares for its status and content type, and reports each mismatch to `onViolation`: a status
 * the route does not declare, an undeclared content type, or a JSON body its schema refuses. JSON
 * bodies are checked before Fastify serialises them (as plain JSON would write them), because
 * fast-json-stringify coerces a wrong value into a valid-looking one: null becomes "" for a string,
 * 0 for an integer. Bodies sent already serialised are parsed and checked as they leave.
 *
 * Add it to an app after `buildApp` and before `ready`: it hooks each route as it is registered.
 */
export function checkResponsesAgainstDocument(
  app: FastifyInstance,
  onViolation: (violation: ContractViolation) => void,
): void {
  app.addHook('onRoute', (route) => {
    if (!isDocumentedRoute(route.url)) return;
    const name = `${route.method} ${route.url}`;
    const checked = new WeakSet<FastifyReply>();

    const check = (reply: FastifyReply, body: () => unknown, sent: 'object' | 'bytes') => {
      checked.add(reply);
      const status = reply.statusCode;
      const report = (problem: string) => onViolation({ route: name, status, problem });
      // Read when answered, not when registered: the API declares its common answers in a later onRoute hook.
      const declared = declaredFor(route, status);
      if (!declared) return report(`status ${status} is not declared`);
      const mediaType = mediaTypeOf(reply);
      const schema = schemaFor(declared, mediaType);
      if (!schema) return report(`content type ${mediaType} is not declared for ${status}`);
      if (!isJsonMediaType(mediaType) || (sent === 'bytes' && declared.type === 'null')) return;
      const value = body();
      const validate = validatorOf(schema);
      if (!validate(value))
        report(`${ajv.errorsText(validate.errors?.slice(0, 3))} in ${JSON.stringify(value).slice(0, 500)}`);
    };

    const preSerialization = async (_request: unknown, reply: FastifyReply, payload: unknown) => {
      // What a plain JSON writer makes of it (dates as ISO strings), before the schema serialiser can coerce it.
      check(reply, () => JSON.parse(JSON.stringify(payload)), 'object');
      return payload;
    };
    const onSend = async (_request: unknown, reply: FastifyReply, payload: unknown) => {
      if (checked.has(reply)) return payload;
      check(reply, () => (typeof payload === 'string' && payload !== '' ? JSON.parse(payload) : undefined), 'bytes');
      return payload;
    };
    route.preSerialization = [...asArray(route.preSerialization), preSerialization];
    route.onSend = [...asArray(route.onSend), onSend];
  });
}

function asArray<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
