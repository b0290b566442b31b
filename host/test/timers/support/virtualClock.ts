// A clock for timer tests: time moves only when the test says so, so nothing depends on machine speed.
import type { Clock } from '../../../src/timers/timerListener.js';

/** A clock whose time moves only when the test says so; due callbacks run in time order. */
export class VirtualClock implements Clock {
  time: number;
  #timers: { at: number; callback: () => void; id: number }[] = [];
  #ids = 0;
  constructor(iso: string) {
    this.time = Date.parse(iso);
  }
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = ++this.#ids;
    this.#timers.push({ at: this.time + Math.max(0, ms), callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  };
  get pending() {
    return this.#timers.length;
  }
  /** advance to `iso`, running every timer that falls due (and letting their promises settle) */
  async advanceTo(iso: string): Promise<void> {
    const end = Date.parse(iso);
    for (;;) {
      await settle();
      this.#timers.sort((a, b) => a.at - b.at);
      const due = this.#timers[0];
      if (!due || due.at > end) break;
      this.#timers.shift();
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
    await settle();
  }
}

export const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
