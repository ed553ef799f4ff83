import { useEffect, useState } from 'preact/hooks';
import { api, jsonRequest, request } from '../api.js';
import type { AdminChannel, ChannelPlatform } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { ScreenNotes, useScreenNotes } from './screen-notes.js';
import { ChannelAdd } from './channel-add.js';
import { ChannelEdit } from './channel-edit.js';
import { ChannelRow } from './channel-row.js';
import { describeChannel } from './channel-view.js';
import { AdminTableHead } from './admin-table-head.js';

const S = STRINGS.channels;

/**
 * The admin's Channels screen (/admin/channels): every live channel with its account, state, health
 * and which secrets are set; an edit panel for one; Disable or Enable; a form to add one. Secrets
 * only ever travel from this screen to the API: what comes back is a hint at most, shown as "set".
 */
export function ChannelsScreen() {
  const [channels, setChannels] = useState<AdminChannel[]>([]);
  const [platforms, setPlatforms] = useState<ChannelPlatform[]>([]);
  const [editing, setEditing] = useState<number | null>(null);
  const { note, error, say, refused } = useScreenNotes();

  const load = async () => {
    const [{ channels }, { platforms }] = await Promise.all([
      api<{ channels: AdminChannel[] }>('/channels'),
      api<{ platforms: ChannelPlatform[] }>('/channels/platforms'),
    ]);
    setChannels(channels);
    setPlatforms(platforms);
  };
  useEffect(() => {
    load().catch((failure: Error) => refused(failure.message));
  }, []);

  const changed = (channel: AdminChannel, text: string) => {
    setChannels((all) => all.map((x) => (x.id === channel.id ? channel : x)));
    say(text);
  };
  const toggle = async (c: AdminChannel) => {
    const body = jsonRequest('PATCH', { enabled: !c.enabled });
    const answer = await request<{ channel: AdminChannel }>(`/channels/${c.id}`, body, S.notSaved);
    if (!answer.ok) return refused(answer.error);
    const done = answer.answer.channel.enabled ? S.wasEnabled : S.wasDisabled;
    changed(answer.answer.channel, `${done} ${describeChannel(answer.answer.channel)}.`);
  };

  const now = new Date();
  const platformOf = (c: AdminChannel) => platforms.find((p) => p.name === c.platform);
  const edited = channels.find((c) => c.id === editing);
  const editedPlatform = edited && platformOf(edited);
  return (
    <main id="channels">
      <h2>{S.title}</h2>
      <ScreenNotes prefix="channels" note={note} error={error} />
      <table>
        <AdminTableHead columns={[S.name, S.platform, S.account, S.status, S.health, S.secrets]} />
        <tbody id="channel-rows">
          {channels.map((c) => (
            <ChannelRow
              key={c.id}
              channel={c}
              platform={platformOf(c)}
              now={now}
              editing={editing === c.id}
              onEdit={() => setEditing(editing === c.id ? null : c.id)}
              onToggle={() => toggle(c).catch(console.error)}
            />
          ))}
        </tbody>
      </table>
      {channels.length === 0 && <p class="muted">{S.none}</p>}
      {edited && editedPlatform && (
        // Keyed by what is stored, so after a save the form starts again from the API's answer.
        <ChannelEdit
          key={JSON.stringify(edited)}
          channel={edited}
          platform={editedPlatform}
          onChanged={changed}
          onRefused={refused}
          onClose={() => setEditing(null)}
        />
      )}
      <ChannelAdd
        platforms={platforms}
        onAdded={(channel, text) => {
          setChannels((all) => [...all, channel]);
          say(text);
        }}
        onRefused={refused}
      />
    </main>
  );
}
