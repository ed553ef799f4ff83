import { useEffect, useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import type { CannedResponse } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { filterCanned, moveActive, slashQuery } from './canned-filter.js';

const LIST_ID = 'canned-list';
const optionId = (response: CannedResponse) => `canned-option-${response.id}`;

/** What the reply box's textarea takes from the picker: keys, and the ARIA that ties it to the list. */
export interface CannedPicker {
  /** Handles the picker's keys (up, down, enter, escape) while it is open; answers whether it did. */
  onKeyDown: (event: KeyboardEvent) => boolean;
  /** For the textarea: it keeps the focus, and names the highlighted option as its active descendant. */
  aria: Record<string, string | undefined>;
  /** The listbox, or null while the picker is shut. */
  list: preact.JSX.Element | null;
}

/**
 * The canned-response picker of the reply box: open while the box holds `/` and a word, offering
 * the team's responses that match (loaded each time it opens, so a new one shows at once);
 * up and down move the highlight, enter or a click calls `insert` with the response's text,
 * escape shuts it until the text changes.
 */
export function useCannedPicker(text: string, insert: (text: string) => void): CannedPicker {
  const query = slashQuery(text);
  const [responses, setResponses] = useState<CannedResponse[] | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const opening = query !== null;

  useEffect(() => {
    if (!opening) return;
    api<{ cannedResponses: CannedResponse[] }>('/canned-responses')
      .then(({ cannedResponses }) => setResponses(cannedResponses))
      .catch(logFailure);
  }, [opening]);
  useEffect(() => setActive(0), [query]);

  const open = query !== null && responses !== null && text !== dismissedAt;
  const options = open ? filterCanned(responses, query) : [];
  const highlighted = options[active];

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      setActive(moveActive(active, options.length, event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && highlighted) {
      insert(highlighted.text);
    } else if (event.key === 'Escape') {
      setDismissedAt(text);
    } else return false;
    event.preventDefault();
    return true;
  };

  // Divs, not ul/li: the list's roles are interactive. The options take no focus of their own
  // (tabIndex -1): the textarea keeps it and names the highlighted one as its active descendant.
  const list = open ? (
    <div id={LIST_ID} role="listbox" aria-label={STRINGS.canned.list}>
      {options.length === 0 ? (
        <p class="canned-none">{STRINGS.canned.none}</p>
      ) : (
        options.map((response, index) => (
          <div
            key={response.id}
            id={optionId(response)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            class="canned-option"
            // Picked on mousedown, whose default (taking the focus from the textarea) is prevented.
            onMouseDown={(event) => {
              event.preventDefault();
              insert(response.text);
            }}
          >
            <span class="canned-shortcode">{STRINGS.canned.option(response.shortcode)}</span>
            <span class="canned-text">{response.text}</span>
          </div>
        ))
      )}
    </div>
  ) : null;

  return {
    onKeyDown,
    aria: {
      'aria-autocomplete': 'list',
      'aria-controls': open ? LIST_ID : undefined,
      'aria-activedescendant': open && highlighted ? optionId(highlighted) : undefined,
    },
    list,
  };
}
