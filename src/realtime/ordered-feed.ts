import type { EventPage } from './read-events.js';
import type { RealtimeEvent } from './processed-event.js';

/** Where an ordered feed sends what it lets through. */
export interface FeedSink {
  deliver(event: RealtimeEvent): void;
  /** More was missed than one catch-up page holds: the receiver should reload its whole view. */
  resync(): void;
}

/**
 * Delivers events in seq order, each once, across a catch-up from the database and the live
 * NOTIFY stream. Live events that arrive while a catch-up query runs are held back and delivered
 * after it, skipping those it already delivered: no gap and no duplicate at the seam. That rests on
 * seq order being commit order (see `announceProcessed`): a live event never follows a higher seq.
 */
export class OrderedFeed {
  private held: RealtimeEvent[] | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly sink: FeedSink,
    private lastSeq: number | null = null,
  ) {}

  /** The seq of the last event delivered, or null when nothing is known yet. */
  get position(): number | null {
    return this.lastSeq;
  }

  push(event: RealtimeEvent): void {
    if (this.held) this.held.push(event);
    else this.deliver(event);
  }

  /** Passes a resync on, and from then on delivers whatever comes. */
  resync(): void {
    this.lastSeq = null;
    this.sink.resync();
  }

  /**
   * Delivers every stored event after the last one delivered. Live events are held from this call
   * on (synchronously, so none slips past the query); a call while one runs queries again after it.
   */
  catchUp(load: (afterSeq: number) => Promise<EventPage>): Promise<void> {
    if (this.lastSeq === null) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.held = [];
    this.running = this.runCatchUp(load).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runCatchUp(load: (afterSeq: number) => Promise<EventPage>): Promise<void> {
    try {
      let after = this.lastSeq;
      while (after !== null) {
        this.again = false;
        const page = await load(after);
        if (!page.complete) this.resync();
        else for (const event of page.events) this.deliver(event);
        after = this.again ? this.lastSeq : null;
      }
    } finally {
      const held = this.held ?? [];
      this.held = null;
      for (const event of held) this.deliver(event);
    }
  }

  private deliver(event: RealtimeEvent): void {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.sink.deliver(event);
  }
}
