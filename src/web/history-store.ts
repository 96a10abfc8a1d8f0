/**
 * Uploaded histories kept for plan requests that name them by id. Bounded two
 * ways: at most `maxBytes` in all (the least recently used go first), and a
 * history unused for `ttlMs` is dropped. Kept as text: a large string lives
 * in the JavaScript heap's large-object space, which is handed back to the
 * system as soon as the string is collected.
 */
interface Kept {
  file: string;
  text: string;
  /** UTF-8 bytes of the text, what the cap counts. */
  bytes: number;
  /** The time zone the history was read in when uploaded. */
  timezone: string;
  lastUsedMs: number;
}

export interface HistoryStoreOptions {
  maxBytes: number;
  ttlMs: number;
  now?: () => number;
  /** Called after the expiry timer dropped histories. */
  onExpired?: (dropped: number) => void;
}

/** Bytes counted per kept history beyond its body (map entry, names). */
const ENTRY_OVERHEAD_BYTES = 1024;

export class HistoryStore {
  /** In order of last use, oldest first. */
  private readonly items = new Map<string, Kept>();
  private total = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: HistoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Keep a history; older ones are dropped until the total fits. Returns false when it alone is over the cap (not kept). */
  add(id: string, file: string, text: string, bytes: number, timezone: string): boolean {
    const size = bytes + ENTRY_OVERHEAD_BYTES;
    if (size > this.options.maxBytes) return false;
    this.items.set(id, { file, text, bytes, timezone, lastUsedMs: this.now() });
    this.total += size;
    for (const [oldId, item] of this.items) {
      if (this.total <= this.options.maxBytes) break;
      this.drop(oldId, item);
    }
    this.schedule();
    return true;
  }

  /** A kept history, marked as just used; undefined when dropped or never kept. */
  get(id: string): { file: string; text: string; timezone: string } | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    if (this.now() - item.lastUsedMs >= this.options.ttlMs) {
      this.drop(id, item);
      return undefined;
    }
    item.lastUsedMs = this.now();
    this.items.delete(id);
    this.items.set(id, item);
    return { file: item.file, text: item.text, timezone: item.timezone };
  }

  /** Drop every history unused for the idle time. Returns how many went. */
  expire(): number {
    const cutoff = this.now() - this.options.ttlMs;
    let dropped = 0;
    for (const [id, item] of this.items) {
      // Oldest use first: the first one still fresh ends the scan.
      if (item.lastUsedMs > cutoff) break;
      this.drop(id, item);
      dropped += 1;
    }
    this.schedule();
    return dropped;
  }

  get count(): number {
    return this.items.size;
  }

  get bytes(): number {
    return this.total;
  }

  /** Drop everything and stop the expiry timer. */
  clear(): void {
    for (const [id, item] of this.items) this.drop(id, item);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drop(id: string, item: Kept): void {
    this.items.delete(id);
    this.total -= item.bytes + ENTRY_OVERHEAD_BYTES;
  }

  /** One timer, due when the least recently used history expires; it never keeps the process alive. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const oldest = this.items.values().next();
    if (oldest.done) return;
    const dueMs = Math.max(0, oldest.value.lastUsedMs + this.options.ttlMs - this.now());
    this.timer = setTimeout(() => {
      const dropped = this.expire();
      if (dropped > 0) this.options.onExpired?.(dropped);
    }, dueMs + 10);
    this.timer.unref();
  }
}
