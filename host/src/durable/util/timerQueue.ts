// Durable timers without polling: one setTimeout armed for the earliest due time (README "How work flows and what is durable": no polling).
interface Entry<T> {
  due: number;
  item: T;
}

/** setTimeout's maximum delay (~24.8 days); longer timers re-arm */
const MAX_DELAY = 2 ** 31 - 1;

export class TimerQueue<T> {
  private heap: Entry<T>[] = [];
  private handle: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(
    private readonly fire: (item: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(due: number, item: T): void {
    const h = this.heap;
    h.push({ due, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.due <= h[i]!.due) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
    if (due < this.armedFor) this.arm();
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = Infinity;
    this.heap = [];
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    const first = this.heap[0];
    this.armedFor = first ? first.due : Infinity;
    if (!first) return;
    this.handle = setTimeout(() => this.run(), Math.min(MAX_DELAY, Math.max(0, first.due - this.now())));
    this.handle.unref?.();
  }

  private run(): void {
    this.handle = undefined;
    const now = this.now();
    while (this.heap.length > 0 && this.heap[0]!.due <= now) this.fire(this.pop().item);
    this.arm();
  }

  private pop(): Entry<T> {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.due < h[m]!.due) m = l;
        if (r < h.length && h[r]!.due < h[m]!.due) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
