import { useEffect, useState } from 'preact/hooks';
import { api, jsonRequest, request } from '../api.js';
import { ENDPOINT_EVENT_TYPES, type Endpoint } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { endpointEvents } from './admin-format.js';
import { DeliveryLog } from './delivery-log.js';
import { EndpointRow } from './endpoint-row.js';
import { OnceSecret, ScreenNotes, useScreenNotes } from './screen-notes.js';
import { AdminTableHead } from './admin-table-head.js';

const S = STRINGS.endpoints;

/**
 * The admin's Endpoints screen (/admin/endpoints): the subscribed endpoints, a form to add one (its
 * signing secret shown once), Disable or Enable and Remove, and the delivery log of the one chosen.
 */
export function EndpointsScreen() {
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [logOf, setLogOf] = useState<number | null>(null);
  const [added, setAdded] = useState<{ url: string; secret: string } | null>(null);
  const { note, error, say, refused } = useScreenNotes();

  useEffect(() => {
    api<{ endpoints: Endpoint[] }>('/endpoints')
      .then((answer) => setEndpoints(answer.endpoints))
      .catch((failure: Error) => refused(failure.message));
  }, []);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    say('');
    setAdded(null);
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body = { url: data.get('url'), events: data.getAll('event') };
    const answer = await request<{ endpoint: Endpoint; secret: string }>(
      '/endpoints',
      jsonRequest('POST', body),
      S.notAdded,
    );
    if (!answer.ok) return refused(answer.error);
    form.reset();
    const { endpoint, secret } = answer.answer;
    setEndpoints((all) => [...all, endpoint]);
    setAdded({ url: endpoint.url, secret });
    say(S.added(endpoint.url));
  };

  const changed = (id: number) => (endpoint: Endpoint | null, text: string) => {
    setEndpoints((all) => (endpoint ? all.map((x) => (x.id === id ? endpoint : x)) : all.filter((x) => x.id !== id)));
    if (!endpoint && logOf === id) setLogOf(null);
    say(text);
  };
  const shown = endpoints.find((e) => e.id === logOf);

  return (
    <main id="endpoints">
      <h2>{S.title}</h2>
      <ScreenNotes prefix="endpoints" note={note} error={error} />
      {added && (
        <OnceSecret id="new-endpoint" label={S.secretLabel(added.url)} value={added.secret} warning={S.secretWarning} />
      )}
      <table>
        <AdminTableHead columns={[S.url, S.events, S.status, S.failures, S.created]} />
        <tbody id="endpoint-rows">
          {endpoints.map((e) => (
            <EndpointRow
              key={e.id}
              endpoint={e}
              showingLog={e.id === logOf}
              onShowLog={() => setLogOf(e.id === logOf ? null : e.id)}
              onChanged={changed(e.id)}
              onRefused={refused}
            />
          ))}
        </tbody>
      </table>
      {endpoints.length === 0 && <p class="empty">{S.none}</p>}
      {shown && <DeliveryLog key={shown.id} endpoint={shown} onRefused={refused} />}
      <form id="add-endpoint" class="admin-form" onSubmit={(event) => add(event).catch(console.error)}>
        <h3>{S.add}</h3>
        <label>
          {S.url} <input name="url" type="url" autocomplete="off" required size={50} />
        </label>
        <fieldset>
          <legend>{S.events}</legend>
          {ENDPOINT_EVENT_TYPES.map((type) => (
            <label key={type} class="choice">
              <input type="checkbox" name="event" value={type} /> {endpointEvents([type])}
            </label>
          ))}
        </fieldset>
        <button type="submit">{S.addButton}</button>
      </form>
    </main>
  );
}
