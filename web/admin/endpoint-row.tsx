import { bodilessRequest, request } from '../api.js';
import type { Endpoint } from '../api-types.js';
import { formatDateTime } from '../format.js';
import { STRINGS } from '../strings.js';
import { endpointEvents, endpointState } from './admin-format.js';

const S = STRINGS.endpoints;

interface EndpointRowProps {
  endpoint: Endpoint;
  showingLog: boolean;
  onShowLog: () => void;
  /** The API stored a change: the endpoint as it now is (null: removed), and what to say of it. */
  onChanged: (endpoint: Endpoint | null, note: string) => void;
  onRefused: (error: string) => void;
}

/** One endpoint's row: what it receives, whether it gets deliveries and why not, and its actions. */
export function EndpointRow({ endpoint: e, showingLog, onShowLog, onChanged, onRefused }: EndpointRowProps) {
  const toggle = async () => {
    const path = `/endpoints/${e.id}/${e.enabled ? 'disable' : 'enable'}`;
    const answer = await request<{ endpoint: Endpoint }>(path, bodilessRequest('POST'), S.notChanged);
    if (!answer.ok) return onRefused(answer.error);
    onChanged(answer.answer.endpoint, (e.enabled ? S.wasDisabled : S.wasEnabled)(e.url));
  };
  const remove = async () => {
    const answer = await request(`/endpoints/${e.id}`, bodilessRequest('DELETE'), S.notChanged);
    if (!answer.ok) return onRefused(answer.error);
    onChanged(null, S.removed(e.url));
  };
  const action = e.enabled ? S.disable : S.enable;
  return (
    <tr data-id={String(e.id)} class={e.enabled ? '' : 'disabled'}>
      <td>
        <code>{e.url}</code>
      </td>
      <td>{endpointEvents(e.eventTypes)}</td>
      <td class="state">{endpointState(e)}</td>
      <td>{e.consecutiveFailures}</td>
      <td>{formatDateTime(e.createdAt)}</td>
      <td>
        <button
          type="button"
          aria-pressed={showingLog}
          aria-label={S.actionLabel(S.showLog, e.url)}
          onClick={onShowLog}
        >
          {S.showLog}
        </button>
        <button type="button" aria-label={S.actionLabel(action, e.url)} onClick={() => toggle().catch(console.error)}>
          {action}
        </button>
        <button type="button" aria-label={S.actionLabel(S.remove, e.url)} onClick={() => remove().catch(console.error)}>
          {S.remove}
        </button>
      </td>
    </tr>
  );
}
