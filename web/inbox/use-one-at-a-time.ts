// One submit at a time: a second click on a send while the first is in flight would send twice.

import { useRef, useState } from 'preact/hooks';

/**
 * `run(work)` does the work unless some is already in flight, which it then ignores; `busy` says
 * one is in flight, for disabling the button. The ref refuses a second submit at once, before a
 * redraw could disable the button; the state only shows it.
 */
export function useOneAtATime(): { busy: boolean; run: (work: () => Promise<unknown>) => Promise<void> } {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { busy, run };
}
