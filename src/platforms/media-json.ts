import { OmniError } from '../errors.js';
import type { SafeResponse } from '../net/safe-request.js';

/** A media API's JSON answer (Graph's media object, Telegram's getFile), or a retried failure. */
export async function readMediaJson(response: SafeResponse, what: string): Promise<Record<string, unknown>> {
  try {
    return (await response.body.json()) as Record<string, unknown>;
  } catch {
    throw new OmniError('OMNI_ERR_MEDIA_UNAVAILABLE', `${what} answered something that is not JSON`);
  }
}
