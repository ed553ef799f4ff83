import { useEffect, useRef } from 'preact/hooks';
import { STRINGS } from '../strings.js';
import { SHORTCUT_KEYS } from './shortcuts.js';

/** The keyboard shortcuts, listed in a modal dialog while `open` (Escape or its button closes it). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog id="shortcuts" ref={dialog} aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{STRINGS.shortcuts.title}</h2>
      <dl>
        {SHORTCUT_KEYS.map(([key, action]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{STRINGS.shortcuts[action]}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">{STRINGS.shortcuts.dismiss}</button>
      </form>
    </dialog>
  );
}
