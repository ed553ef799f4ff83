/** An event Omni POSTs to a subscribed endpoint (`omni endpoint add`), in the Standard Webhooks shape. */
export interface OmniWebhookEvent {
  type: 'message.received' | 'message.status' | 'conversation.created';
  /** When Omni processed what the event tells of (ISO 8601). */
  timestamp: string;
  /** The conversation and message as the API presents them (`GET /api/conversations`, its messages). */
  data: Record<string, unknown>;
}

/** The request's headers: a fetch `Headers`, or Node's `request.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far the `webhook-timestamp` may be from now, either way; 5 minutes by default, as the specification advises. */
  toleranceSeconds?: number;
  /** The clock to judge the timestamp by. */
  now?: Date;
}

/** Why a delivery was refused: answer it 4xx and do not act on it. */
export class OmniWebhookVerificationError extends Error {
  readonly reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature';
  constructor(reason: OmniWebhookVerificationError['reason'], message: string) {
    super(message);
    this.name = 'OmniWebhookVerificationError';
    this.reason = reason;
  }
}

const encoder = new TextEncoder();

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Verifies a delivery from Omni per Standard Webhooks, on its own (Web Crypto, no dependency): the
 * `webhook-signature` holds `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` under
 * the endpoint's secret (`whsec_…`, shown once by `omni endpoint add`), and the timestamp is recent,
 * so a captured delivery cannot be replayed later. `body` must be the exact bytes received, before any
 * JSON parsing. Answers the parsed event; throws OmniWebhookVerificationError otherwise. Keep each
 * `webhook-id` handled, to skip a retried delivery you already acted on.
 */
export async function verifyOmniWebhook<Event = OmniWebhookEvent>(
  secret: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions = {},
): Promise<Event> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new OmniWebhookVerificationError(
      'missing-headers',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? 300))
    throw new OmniWebhookVerificationError('stale-timestamp', `webhook-timestamp ${timestamp} is not within tolerance`);

  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  // Several signatures when the secret is being rotated; any v1 one that matches will do.
  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) continue;
    let expected: Uint8Array<ArrayBuffer>;
    try {
      expected = fromBase64(signature);
    } catch {
      continue;
    }
    // subtle.verify compares in constant time.
    if (await crypto.subtle.verify('HMAC', key, expected, signed))
      return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as Event;
  }
  throw new OmniWebhookVerificationError('bad-signature', 'no webhook-signature matches the body under this secret');
}
