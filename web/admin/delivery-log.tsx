import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Delivery, Endpoint } from '../api-types.js';
import { formatDateTime } from '../format.js';
import { STRINGS } from '../strings.js';
import { deliveryOutcome } from './admin-format.js';

const S = STRINGS.endpoints;

/** One endpoint's delivery log, newest first, read again on Refresh: what was sent and what it answered. */
export function DeliveryLog({ endpoint, onRefused }: { endpoint: Endpoint; onRefused: (error: string) => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const load = () =>
    api<{ deliveries: Delivery[] }>(`/endpoints/${endpoint.id}/deliveries`)
      .then((answer) => setDeliveries(answer.deliveries))
      .catch((failure: Error) => onRefused(failure.message));
  useEffect(() => {
    load();
  }, [endpoint.id]);

  return (
    <section id="delivery-log" aria-label={S.log(endpoint.url)}>
      <h3>
        {S.log(endpoint.url)}{' '}
        <button id="refresh-deliveries" type="button" onClick={load}>
          {S.refresh}
        </button>
      </h3>
      {deliveries?.length === 0 && <p class="empty">{S.noDeliveries}</p>}
      {deliveries && deliveries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{S.at}</th>
              <th>{S.event}</th>
              <th>{S.attempt}</th>
              <th>{S.outcome}</th>
              <th>{S.duration}</th>
              <th>{S.webhookId}</th>
            </tr>
          </thead>
          <tbody id="delivery-rows">
            {deliveries.map((d) => (
              <tr key={d.id} class={d.error === null ? '' : 'failed'}>
                <td>{formatDateTime(d.attemptedAt)}</td>
                <td>{d.eventType}</td>
                <td>{d.attempt}</td>
                <td class="outcome">{deliveryOutcome(d)}</td>
                <td>{`${d.durationMs} ms`}</td>
                <td>
                  <code>{d.webhookId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
