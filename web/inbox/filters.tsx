import type { ComponentChildren } from 'preact';
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

/** A select that sets one of the list's filters, named by it (its id and name both). */
function FilterSelect(props: {
  name: 'status' | 'channel';
  label: string;
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
  children: ComponentChildren;
}) {
  const { name, label, filters, onChange, children } = props;
  return (
    <select
      id={name}
      name={name}
      aria-label={label}
      value={filters[name]}
      onChange={(event) => onChange({ ...filters, [name]: event.currentTarget.value })}
    >
      {children}
    </select>
  );
}

/**
 * The list's filters: search, status, channel (the channels the caller sees; an admin also the
 * conversations no channel holds), a label, unread only.
 */
export function Filters({ filters, search, channels, role, onSearch, onChange }: FiltersProps) {
  const change = (changes: Partial<ListFilters>) => onChange({ ...filters, ...changes });
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
          onInput={(event) => onSearch(event.currentTarget.value)}
        />
        <FilterSelect name="status" label={STRINGS.inbox.status} filters={filters} onChange={onChange}>
          <option value="open">{STRINGS.inbox.statusOpen}</option>
          <option value="closed">{STRINGS.inbox.statusClosed}</option>
          <option value="">{STRINGS.inbox.statusAll}</option>
        </FilterSelect>
        <FilterSelect name="channel" label={STRINGS.inbox.channel} filters={filters} onChange={onChange}>
          <option value="">{STRINGS.inbox.allChannels}</option>
          {channels.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {STRINGS.channel.option(c.name, c.platform, c.enabled)}
            </option>
          ))}
          {role === 'admin' ? <option value="unrouted">{STRINGS.inbox.unrouted}</option> : null}
        </FilterSelect>
        <input
          id="label-filter"
          name="label"
          type="search"
          maxLength={50}
          placeholder={STRINGS.inbox.label}
          aria-label={STRINGS.inbox.labelFilter}
          value={filters.label}
          // On change (Enter or leaving the box), not each key: a half-typed label matches nothing.
          onChange={(event) => change({ label: event.currentTarget.value })}
        />
        <label>
          <input
            id="unread-only"
            name="unread"
            type="checkbox"
            checked={filters.unreadOnly}
            onChange={(event) => change({ unreadOnly: event.currentTarget.checked })}
          />{' '}
          {STRINGS.inbox.unreadOnly}
        </label>
      </form>
    </search>
  );
}
