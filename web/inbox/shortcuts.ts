// The inbox's keyboard shortcuts: which key does what. Pure, tested by calling it (test/web/shortcuts.test.ts).

export type ShortcutAction = 'next' | 'previous' | 'reply' | 'close' | 'search' | 'help';

/** The keys, in the order the shortcuts dialog lists them. */
export const SHORTCUT_KEYS: readonly (readonly [key: string, action: ShortcutAction])[] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['r', 'reply'],
  ['e', 'close'],
  ['/', 'search'],
  ['?', 'help'],
];

/** What the shortcut reads of a keydown: the key, its modifiers, and where the focus was. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element: typing in a field (or in an open dialog) is never a shortcut. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The action a key press asks for, or null: not a shortcut, a modified key, or typed into a field. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const tag = press.target?.tagName?.toUpperCase() ?? '';
  if (TYPING_TAGS.has(tag) || press.target?.isContentEditable) return null;
  return SHORTCUT_KEYS.find(([key]) => key === press.key)?.[1] ?? null;
}

/**
 * The conversation `j` or `k` moves to: the one after or before the open one, the first when none
 * is open (or the open one is not in the list), or none past either end.
 */
export function movedSelection(ids: readonly number[], openId: number | null, step: 1 | -1): number | null {
  const at = openId === null ? -1 : ids.indexOf(openId);
  if (at === -1) return ids[0] ?? null;
  return ids[at + step] ?? null;
}
