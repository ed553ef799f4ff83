import type { ExtractError, ExtractResult, InboundItem } from '../types.js';

/** Thrown while reading one element to turn that element alone into an ExtractError. */
export class ElementRejected extends Error {}

/** Stops reading the current element: `reason` becomes its ExtractError. */
export function reject(reason: string): never {
  throw new ElementRejected(reason);
}

/**
 * Gathers the items and errors of one `extract` call. Each element of a batch is read inside
 * `each`, so a malformed element costs only itself, never its batch mates.
 */
export interface Collector {
  /** When the body was read: the fallback timestamp for elements the platform gave no time. */
  readonly receivedAt: string;
  add(item: InboundItem): void;
  fail(path: string, reason: string, raw: unknown): void;
  each(list: unknown[], path: string, read: (element: unknown, path: string) => void): void;
  result(): ExtractResult;
}

export function createCollector(receivedAt = new Date().toISOString()): Collector {
  const items: InboundItem[] = [];
  const errors: ExtractError[] = [];
  const fail = (path: string, reason: string, raw: unknown) => {
    errors.push({ path, reason, raw });
  };
  return {
    receivedAt,
    add: (item) => {
      items.push(item);
    },
    fail,
    each(list, path, read) {
      list.forEach((element, index) => {
        const elementPath = `${path}[${index}]`;
        try {
          read(element, elementPath);
        } catch (error) {
          fail(elementPath, reasonOf(error), element);
        }
      });
    },
    result: () => ({ items, errors }),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof ElementRejected) return error.message;
  // A bug of ours, not the platform's: still kept per element, and named as such.
  return `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
}
