// Talking to Omni's /api from the page: the session cookie goes along by itself; a 401 anywhere
// means the session ended, and the app shows the login (see whenLoggedOut).

let loggedOut: () => void = () => {};

/** Who to tell when the API answers 401. */
export function whenLoggedOut(handler: () => void): void {
  loggedOut = handler;
}

/** An API call's answer, or the reason it was refused, worded for the person at the screen. */
export type Outcome<T> = { ok: true; answer: T } | { ok: false; error: string };

/** `init` for a JSON body sent with `method`. */
export function jsonRequest(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * An API answer (its status and parsed JSON body, null when none) as an outcome: a refusal carries
 * the API's message, else `<failed> (<status>)`. A 401 tells whoever waits for the logout.
 */
export function outcomeOf<T>(status: number, answer: unknown, failed: string): Outcome<T> {
  if (status === 401) loggedOut();
  if (status >= 200 && status < 300) return { ok: true, answer: answer as T };
  const message = (answer as { error?: { message?: string } } | null)?.error?.message;
  return { ok: false, error: message ?? `${failed} (${status})` };
}

/** `init` for a change without a body (a DELETE, a bodiless POST): it names itself, as the API asks of a cookie request that is not JSON. */
export function bodilessRequest(method: string): RequestInit {
  return { method, headers: { 'x-requested-with': 'omni-dashboard' } };
}

/** Calls `/api<path>`; a refusal carries the API's message, else `<failed> (<status>)`. */
export async function request<T>(path: string, init: RequestInit, failed: string): Promise<Outcome<T>> {
  const response = await fetch(`/api${path}`, init);
  const answer = await response.json().catch(() => null);
  return outcomeOf<T>(response.status, answer, failed);
}

/** Calls `/api<path>` and answers its JSON; throws with the API's reason when refused. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const outcome = await request<T>(path, init, path);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.answer;
}

/** Logs a failure nobody is waiting for: the next live event or reload will try again. */
export function logFailure(error: unknown): void {
  console.error(error);
}
