import type { Channel, Role } from '../api-types.js';
import { STRINGS } from '../strings.js';
import type { UnreadCounts } from './use-unread-counts.js';

interface ChannelSwitcherProps {
  channels: Channel[];
  role: Role;
  /** The chosen channel's id, 'unrouted', or '' for every channel (the list filter's value). */
  chosen: string;
  counts: UnreadCounts;
  onChoose: (channel: string) => void;
}

/** One choice of the switcher: its name and, when it has any, its unread count. */
function Choice(props: { value: string; name: string; unread: number; chosen: string; onChoose: (v: string) => void }) {
  const { value, name, unread, chosen, onChoose } = props;
  return (
    <li>
      <button type="button" data-channel={value} aria-pressed={chosen === value} onClick={() => onChoose(value)}>
        {/* The name a screen reader hears is the text shown, then "unread": "Sales 2 unread". */}
        <span class="channel-name">{name}</span>{' '}
        {unread > 0 ? (
          <>
            <span class="unread-count">{unread}</span>
            <span class="visually-hidden">{STRINGS.inbox.unreadCountSuffix}</span>
          </>
        ) : null}
      </button>
    </li>
  );
}

/**
 * The inbox's channels, each with how many unread conversations it holds: every channel at once,
 * each channel the agent works in, and for an admin the unrouted conversations.
 */
export function ChannelSwitcher({ channels, role, chosen, counts, onChoose }: ChannelSwitcherProps) {
  const common = { chosen, onChoose };
  return (
    <fieldset id="channel-switcher" aria-label={STRINGS.inbox.channel}>
      <ul>
        <Choice value="" name={STRINGS.inbox.allChannels} unread={counts.total} {...common} />
        {channels.map((c) => (
          <Choice
            key={c.id}
            value={String(c.id)}
            name={STRINGS.channel.option(c.name, c.platform, c.enabled)}
            unread={counts.byChannel.get(c.id) ?? 0}
            {...common}
          />
        ))}
        {role === 'admin' ? (
          <Choice value="unrouted" name={STRINGS.inbox.unrouted} unread={counts.byChannel.get(null) ?? 0} {...common} />
        ) : null}
      </ul>
    </fieldset>
  );
}
