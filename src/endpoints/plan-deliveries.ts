import { randomUUID } from 'node:crypto';
import type { FollowUpPlanner, NewJob } from '../jobs/types.js';
import { selectEnabledEndpoints } from '../store/endpoints.js';
import { buildEndpointEvents } from './endpoint-events.js';
import { ENDPOINT_EVENT_TYPES, isSubscribed } from './event-types.js';
import type { DeliveryPayload } from './delivery-payload.js';

/**
 * Plans one `deliver_event` job per enabled endpoint subscribed to each event the processed items
 * make, inside the processing transaction: the jobs commit with the items or not at all. The job
 * carries the serialised body and its webhook-id, so every retry sends the same bytes under the
 * same id (receivers deduplicate on it).
 */
export function planEventDeliveries(): FollowUpPlanner {
  return async (tx, items) => {
    const endpoints = await selectEnabledEndpoints(tx);
    if (endpoints.length === 0) return [];
    const wanted = new Set(
      ENDPOINT_EVENT_TYPES.filter((type) => endpoints.some((e) => isSubscribed(e.eventTypes, type))),
    );
    const events = await buildEndpointEvents(tx, items, wanted);
    return events.flatMap(({ messageId, event }): NewJob[] => {
      const body = JSON.stringify(event);
      return endpoints
        .filter((e) => isSubscribed(e.eventTypes, event.type))
        .map((endpoint) => {
          const payload: DeliveryPayload = {
            endpointId: endpoint.id,
            webhookId: `msg_${randomUUID()}`,
            type: event.type,
            body,
          };
          return { kind: 'deliver_event', messageId, payload: { ...payload } };
        });
    });
  };
}
