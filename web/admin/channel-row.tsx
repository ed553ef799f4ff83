import type { AdminChannel, ChannelPlatform } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { channelHealth, healthLines, secretFields, secretState } from './channel-view.js';

const S = STRINGS.channels;

interface ChannelRowProps {
  channel: AdminChannel;
  platform: ChannelPlatform | undefined;
  now: Date;
  editing: boolean;
  onEdit: () => void;
  /** Disable or enable, by the channel's current state. */
  onToggle: () => void;
}

/**
 * One channel's row: its account, state, health (the word `omni status` counts it under, the last
 * webhook and error) and whether each secret is set (a hint at most: the API never answers one).
 */
export function ChannelRow({ channel: c, platform, now, editing, onEdit, onToggle }: ChannelRowProps) {
  const health = channelHealth(c, now);
  return (
    <tr data-id={String(c.id)} class={c.enabled ? '' : 'disabled'}>
      <td>{c.name}</td>
      <td>
        <span class={`platform-mark ${c.platform}`} aria-hidden="true" /> {c.platform}
      </td>
      <td>
        {c.accountId ?? '—'}
        {c.source === 'environment' && <div class="muted">{S.fromEnvironment}</div>}
      </td>
      <td class="state">{c.enabled ? S.enabled : S.disabled}</td>
      <td class="health">
        <strong class={`health-${health}`}>{S.healths[health]}</strong>
        {healthLines(c, now).map((line) => (
          <div key={line}>{line}</div>
        ))}
      </td>
      <td class="secrets">
        {secretFields(platform).map((field) => (
          <div key={field}>
            {field}: {secretState(c, field)}
          </div>
        ))}
      </td>
      <td>
        <button type="button" aria-label={S.editOf(c.name)} aria-expanded={editing} onClick={onEdit}>
          {S.edit}
        </button>
        <button type="button" onClick={onToggle}>
          {c.enabled ? S.disable : S.enable}
        </button>
      </td>
    </tr>
  );
}
