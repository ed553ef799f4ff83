import { getRequest } from '../send-http.js';
import type { PlatformApis } from '../platform.js';

/** What a Graph GET came to: the body, or the problem in words (Graph's own `error.message` quoted). */
export type GraphAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; refused: boolean; problem: string };

/**
 * GETs `/{version}/{path}?fields=…` (and `params`, such as a page's `after` cursor) with the token as
 * a bearer header, never in the URL, so no reason or log line can carry it. `refused`: Graph
 * answered with an error (a 4xx, a bad token); otherwise it did not answer usably (unreachable, a 5xx).
 */
export async function getGraph(
  apis: PlatformApis,
  token: string,
  path: string,
  fields: readonly string[],
  label: string,
  params: Readonly<Record<string, string>> = {},
): Promise<GraphAnswer> {
  const pairs = [
    ...(fields.length > 0 ? [`fields=${fields.join(',')}`] : []),
    ...Object.entries(params).map(([name, value]) => `${name}=${encodeURIComponent(value)}`),
  ];
  const query = pairs.length > 0 ? `?${pairs.join('&')}` : '';
  const url = `${apis.graph.baseUrl.replace(/\/$/, '')}/${apis.graph.version}/${path}${query}`;
  const answer = await getRequest(url, {
    label,
    headers: { authorization: `Bearer ${token}` },
    timeoutMs: apis.timeoutMs,
  });
  if (!answer.answered) return { ok: false, refused: false, problem: answer.reason };
  const body = (answer.body ?? null) as { error?: { message?: unknown } } | null;
  if (answer.status >= 200 && answer.status < 300 && body && !body.error)
    return { ok: true, body: body as Record<string, unknown> };
  const words = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 300) : `HTTP ${answer.status}`;
  return { ok: false, refused: answer.status < 500, problem: `${label}: ${words}` };
}

/** A string field of a Graph answer, or undefined. */
export const graphString = (body: Record<string, unknown>, field: string): string | undefined =>
  typeof body[field] === 'string' ? (body[field] as string) : undefined;
