// The inbox's keyboard shortcuts while it is on screen (web/inbox/shortcuts.ts says which key does what).

import { useEffect, useRef } from 'preact/hooks';
import { type ShortcutAction, shortcutFor } from './shortcuts.js';

/** Calls `run` with each shortcut pressed outside a field; the key's own effect (typing '/') is prevented. */
export function useShortcuts(run: (action: ShortcutAction) => void): void {
  const current = useRef(run);
  current.current = run;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // While a modal dialog is open, its own keys (Escape) are the only ones that count.
      if (document.querySelector('dialog[open]')) return;
      const { key, ctrlKey, metaKey, altKey } = event;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, target: event.target as HTMLElement | null });
      if (!action) return;
      event.preventDefault();
      current.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
