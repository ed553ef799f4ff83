import type { ExtractResult } from './types.js';

/** The last guard of the "extract never throws" promise: a failure outside any element keeps the body. */
export function extractTotally(extract: (body: unknown) => ExtractResult, body: unknown): ExtractResult {
  try {
    return extract(body);
  } catch (error) {
    const reason = `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    return { items: [], errors: [{ path: '', reason, raw: body }] };
  }
}
