import type { InboundItem } from '../platforms/types.js';

type Labels = Record<string, string>;

/**
 * Process-local counters in the Prometheus text format, served at `/metrics`. Each process counts
 * what it saw; a scraper adds them up.
 */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();

  increment(name: string, help: string, labels: Labels, by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = { help, values: new Map() };
      this.counters.set(name, counter);
    }
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
      .join(',');
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}{${labels}} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Items the adapters kept but could not classify: stored raw, and worth a look at the parsers. */
export function isUnrecognised(item: InboundItem): boolean {
  return item.content?.kind === 'unsupported' || (item.kind === 'event' && item.type === 'unknown');
}
