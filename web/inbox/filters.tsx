import type { ComponentChildren } from 'preact';
import type { ListFilters } from '../list-query.js';
import { STRINGS } from '../strings.js';

interface FiltersProps {
  filters: ListFilters;
  /** The search box's text as typed (the list follows it once the agent pauses). */
  search: string;
  /** Whether the caller is an agent (an API token has no "mine"). */
  isAgent: boolean;
  onSearch: (text: string) => void;
  onChange: (filters: ListFilters) => void;
}

/** A select that sets one of the list's filters, named by it (its id and name both). */
function FilterSelect(props: {
  name: 'status' | 'assignee';
  id: string;
  label: string;
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
  children: ComponentChildren;
}) {
  const { name, id, label, filters, onChange, children } = props;
  return (
    <select
      id={id}
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
 * The list's filters: search, status, assignee (mine, unassigned), a label, unread only. The channel
 * is the switcher's (channel-switcher.tsx).
 */
export function Filters({ filters, search, isAgent, onSearch, onChange }: FiltersProps) {
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
        <FilterSelect name="status" id="status" label={STRINGS.inbox.status} filters={filters} onChange={onChange}>
          <option value="open">{STRINGS.inbox.statusOpen}</option>
          <option value="closed">{STRINGS.inbox.statusClosed}</option>
          <option value="">{STRINGS.inbox.statusAll}</option>
        </FilterSelect>
        <FilterSelect
          name="assignee"
          id="assignee-filter"
          label={STRINGS.inbox.assignee}
          filters={filters}
          onChange={onChange}
        >
          <option value="">{STRINGS.inbox.assigneeAnyone}</option>
          {isAgent ? <option value="me">{STRINGS.inbox.assigneeMe}</option> : null}
          <option value="none">{STRINGS.inbox.assigneeNone}</option>
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
          onChange={(event) => onChange({ ...filters, label: event.currentTarget.value })}
        />
        <label>
          <input
            id="unread-only"
            name="unread"
            type="checkbox"
            checked={filters.unreadOnly}
            onChange={(event) => onChange({ ...filters, unreadOnly: event.currentTarget.checked })}
          />{' '}
          {STRINGS.inbox.unreadOnly}
        </label>
      </form>
    </search>
  );
}
