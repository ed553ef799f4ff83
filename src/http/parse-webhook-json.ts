import sjson from 'secure-json-parse';

/** Deeper than any platform's payload (Meta's are about 8 levels), shallow enough to walk safely. */
export const MAX_JSON_DEPTH = 64;
/**
 * The densest real payloads carry a key per ~16 bytes, so a 3 MB Meta batch can hold ~200,000 keys;
 * past this a body is an attack on the parser, not a webhook (JSON's densest is a key per 6 bytes).
 */
export const MAX_JSON_KEYS = 400_000;

export type ParsedBody = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

/** Nesting depth and key count of a JSON text, counted in one pass over the bytes (strings skipped). */
function measureJson(raw: Buffer): { depth: number; keys: number } {
  let depth = 0;
  let deepest = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
    else if (byte === 0x3a) keys++;
  }
  return { depth: deepest, keys };
}

/**
 * Parses a verified webhook body. Refuses pathological nesting and key counts before parsing (they
 * would cost the event loop and every walker after it), and drops `__proto__` / `constructor.prototype` keys so
 * a body can never reach an object's prototype.
 */
export function parseWebhookJson(raw: Buffer): ParsedBody {
  const shape = measureJson(raw);
  if (shape.depth > MAX_JSON_DEPTH) return { ok: false, reason: `body nests deeper than ${MAX_JSON_DEPTH} levels` };
  if (shape.keys > MAX_JSON_KEYS) return { ok: false, reason: `body has more than ${MAX_JSON_KEYS} keys` };
  let body: unknown;
  try {
    body = sjson.parse(raw.toString('utf8'), undefined, { protoAction: 'remove', constructorAction: 'remove' });
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'body is not a JSON object' };
  // Only a `\u0000` escape can put a NUL in a string, and PostgreSQL text and jsonb cannot hold one:
  // such a body would fail its insert on every retry. The exact bytes stay in webhook_logs.raw_body.
  if (raw.includes('\\u0000')) body = withoutNul(body);
  return { ok: true, body: body as Record<string, unknown> };
}

/** The same value with every NUL in its strings and keys replaced by U+FFFD (the replacement character). */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', '\uFFFD'), withoutNul(v)]));
  }
  return value;
}
