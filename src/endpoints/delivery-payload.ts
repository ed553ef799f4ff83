import { OmniError } from '../errors.js';

/** A `deliver_event` job's payload: which endpoint, and exactly what to send it. */
export interface DeliveryPayload {
  endpointId: number;
  /** The `webhook-id`: one per event and endpoint, the same on every attempt. */
  webhookId: string;
  type: string;
  /** The event, serialised once when planned. */
  body: string;
}

export function readDeliveryPayload(payload: Record<string, unknown>): DeliveryPayload {
  const { endpointId, webhookId, type, body } = payload;
  if (
    typeof endpointId !== 'number' ||
    typeof webhookId !== 'string' ||
    typeof type !== 'string' ||
    typeof body !== 'string'
  ) {
    throw new OmniError(
      'OMNI_ERR_JOB_PAYLOAD_INVALID',
      'a deliver_event job without its endpoint, webhook-id, type and body',
    );
  }
  return { endpointId, webhookId, type, body };
}
