import { OmniError } from '../errors.js';
import { retryAfterSeconds } from '../net/retry-after.js';
import type { SafeResponse } from '../net/safe-request.js';

/**
 * The platform asked to slow down (a 429): the download is tried again after `retryAfterSeconds`
 * (the media job turns this into its retry).
 */
export class MediaThrottled extends Error {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'MediaThrottled';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A 429 without a usable Retry-After waits this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** The platform's own words about a refusal (Graph's `error.message`, Telegram's `description`), short. */
async function platformWords(response: SafeResponse): Promise<string> {
  const text = (await response.body.text().catch(() => '')).slice(0, 2000);
  try {
    const json = JSON.parse(text) as { error?: { message?: string }; description?: string };
    const words = json.error?.message ?? json.description;
    if (typeof words === 'string') return `: ${words.slice(0, 300)}`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

/**
 * Lets a 2xx answer through and turns any other into the right failure: a 429 or a 5xx is
 * transient (retried through the queue, a 429 after its Retry-After), a 404 or 410 means the media
 * is gone (an expired id or url), any other 4xx is a refusal; both of those are final.
 * `what` names the request in the reason, never its URL (a Telegram file URL holds the bot token).
 */
export async function expectSuccess(response: SafeResponse, what: string): Promise<void> {
  const status = response.statusCode;
  if (status >= 200 && status < 300) return;
  if (status === 429) {
    await response.body.dump();
    throw new MediaThrottled(
      `${what} answered 429`,
      retryAfterSeconds(response.headers['retry-after']) ?? DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
    await response.body.dump();
    throw new OmniError('OMNI_ERR_MEDIA_UNAVAILABLE', `${what} answered ${status}`);
  }
  const words = await platformWords(response);
  // Graph answers an expired or unknown media id with 400 and an error object, or 404.
  const gone = status === 404 || status === 410 || (status === 400 && words !== '');
  throw new OmniError(gone ? 'OMNI_ERR_MEDIA_GONE' : 'OMNI_ERR_MEDIA_REJECTED', `${what} answered ${status}${words}`);
}
