import type { Channel, Role } from '../api-types.js';
import type { ListFilters } from '../list-query.js';
import { STRINGS } from '../strings.js';

interface FiltersProps {
  filters: ListFilters;
  /** The search box's text as typed (the list follows it once the agent pauses). */
  search: string;
  channels: Channel[];
  role: Role;
  onSearch: (text: string) => void;
  onChange: (filters: ListFilters) => void;
}

/**
 * The list's filters: search, status, channel (the channels the caller sees; an admin also the
 * conversations no channel holds), unread only.
 */
export function Filters({ filters, search, channels, role, onSearch, onChange }: FiltersProps) {
  const change = (changes: Partial<ListFilters>) => onChange({ ...filters, ...changes });
  const value = (event: Event) => (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <search>
      <form id="filters" onSubmit={(event) => event.preventDefault()}>
        <input
          id="search"
          name="q"
          type="search"
          placeholder={STRINGS.inbox.search}
          aria-label={STRINGS.inbox.search}
          value={search}
          onInput={(event) => onSearch(value(event))}
        />
        <select
          id="status"
          name="status"
          aria-label={STRINGS.inbox.status}
          value={filters.status}
          onChange={(event) => change({ status: value(event) })}
        >
          <option value="open">{STRINGS.inbox.statusOpen}</option>
          <option value="closed">{STRINGS.inbox.statusClosed}</option>
          <option value="">{STRINGS.inbox.statusAll}</option>
        </select>
        <select
          id="channel"
          name="channel"
          aria-label={STRINGS.inbox.channel}
          value={filters.channel}
          onChange={(event) => change({ channel: value(event) })}
        >
          <option value="">{STRINGS.inbox.allChannels}</option>
          {channels.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {STRINGS.channel.option(c.name, c.platform, c.enabled)}
            </option>
          ))}
          {role === 'admin' ? <option value="unrouted">{STRINGS.inbox.unrouted}</option> : null}
        </select>
        <label>
          <input
            id="unread-only"
            name="unread"
            type="checkbox"
            checked={filters.unreadOnly}
            onChange={(event) => change({ unreadOnly: (event.currentTarget as HTMLInputElement).checked })}
          />{' '}
          {STRINGS.inbox.unreadOnly}
        </label>
      </form>
    </search>
  );
}
