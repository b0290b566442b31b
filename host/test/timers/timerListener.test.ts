// The timer listener on a virtual clock (no waiting, no dependence on machine speed): start-up behaviour
// (past due, runOnStartup), exactly one execution per tick, no overlap, status persistence across a restart.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/timers/schedule.js';
import { FileScheduleMonitor, MemoryScheduleMonitor, NEVER, type ScheduleMonitor } from '../../src/timers/scheduleMonitor.js';
import { TimerListener, type Clock, type TimerFiring } from '../../src/timers/timerListener.js';

/** A clock whose time moves only when the test says so; due callbacks run in time order. */
class VirtualClock implements Clock {
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

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
const iso = (ms: number) => new Date(ms).toISOString();

interface Recorded {
  at: string;
  isPastDue: boolean;
  runOnStartup: boolean;
  status: { last: string; next: string; lastUpdated: string } | null;
}

function listener(
  clock: VirtualClock,
  options: { schedule: string; monitor?: ScheduleMonitor; runOnStartup?: boolean; work?: (firing: TimerFiring) => Promise<void> },
) {
  const runs: Recorded[] = [];
  const l = new TimerListener({
    name: 'Job',
    schedule: parseSchedule(options.schedule),
    runOnStartup: options.runOnStartup ?? false,
    monitor: options.monitor,
    clock,
    execute: async (firing) => {
      runs.push({
        at: iso(clock.now()),
        isPastDue: firing.isPastDue,
        runOnStartup: firing.runOnStartup,
        status: firing.scheduleStatus && {
          last: iso(firing.scheduleStatus.last),
          next: iso(firing.scheduleStatus.next),
          lastUpdated: iso(firing.scheduleStatus.lastUpdated),
        },
      });
      await options.work?.(firing);
    },
  });
  return { l, runs };
}

describe('TimerListener', () => {
  it('runs once per occurrence, on time, with the schedule status of a monitored timer', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { l, runs } = listener(clock, { schedule: '0 * * * * *', monitor: new MemoryScheduleMonitor() });
    l.start();
    await clock.advanceTo('2026-03-01T10:03:30.000Z');
    expect(runs.map((r) => r.at)).toEqual(['2026-03-01T10:01:00.000Z', '2026-03-01T10:02:00.000Z', '2026-03-01T10:03:00.000Z']);
    expect(runs[0]).toMatchObject({ isPastDue: false, status: { last: iso(NEVER), next: '2026-03-01T10:01:00.000Z', lastUpdated: '2026-03-01T10:00:00.000Z' } });
    expect(runs[1]!.status).toEqual({ last: '2026-03-01T10:01:00.000Z', next: '2026-03-01T10:02:00.000Z', lastUpdated: '2026-03-01T10:01:00.000Z' });
    await l.stop();
    await clock.advanceTo('2026-03-01T10:10:00.000Z');
    expect(runs).toHaveLength(3);
  });

  it('passes scheduleStatus null to an unmonitored timer, as Azure does', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { l, runs } = listener(clock, { schedule: '*/10 * * * * *' });
    l.start();
    await clock.advanceTo('2026-03-01T10:00:25.000Z');
    expect(runs.map((r) => [r.at, r.status])).toEqual([
      ['2026-03-01T10:00:10.000Z', null],
      ['2026-03-01T10:00:20.000Z', null],
    ]);
    await l.stop();
  });

  it('never overlaps: ticks that pass during a long execution become one execution right after it', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    let running = 0;
    let maxRunning = 0;
    const { l, runs } = listener(clock, {
      schedule: '*/10 * * * * *',
      work: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        // the first execution lasts 25 s of virtual time
        if (runs.length === 1) await new Promise<void>((resolve) => clock.setTimeout(resolve, 25_000));
        running--;
      },
    });
    l.start();
    await clock.advanceTo('2026-03-01T10:01:00.000Z');
    // 10:00:10 runs until 10:00:35; the ticks at :20 and :30 become one execution at :35; then :40, :50, 01:00
    expect(runs.map((r) => r.at)).toEqual([
      '2026-03-01T10:00:10.000Z',
      '2026-03-01T10:00:35.000Z',
      '2026-03-01T10:00:40.000Z',
      '2026-03-01T10:00:50.000Z',
      '2026-03-01T10:01:00.000Z',
    ]);
    expect(maxRunning).toBe(1);
    await l.stop();
  });

  it('counts a timer that fires a little early as its occurrence: no second run of it', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const monitor = new MemoryScheduleMonitor();
    // a clock whose timers fire 3 ms early, as a coarse system timer may
    const early: Clock = { now: clock.now, setTimeout: (cb, ms) => clock.setTimeout(cb, ms - 3), clearTimeout: clock.clearTimeout };
    const runs: string[] = [];
    const l = new TimerListener({
      name: 'Job',
      schedule: parseSchedule('0 * * * * *'),
      runOnStartup: false,
      monitor,
      clock: early,
      execute: async () => void runs.push(iso(clock.now())),
    });
    l.start();
    await clock.advanceTo('2026-03-01T10:02:30.000Z');
    expect(runs).toEqual(['2026-03-01T10:00:59.997Z', '2026-03-01T10:01:59.997Z']);
    expect(monitor.get('Job')).toEqual({
      last: Date.parse('2026-03-01T10:02:00.000Z'),
      next: Date.parse('2026-03-01T10:03:00.000Z'),
      lastUpdated: Date.parse('2026-03-01T10:02:00.000Z'),
    });
    await l.stop();
  });

  it('runOnStartup runs once at start, then follows the schedule', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:30.000Z');
    const { l, runs } = listener(clock, { schedule: '0 * * * * *', runOnStartup: true });
    l.start();
    await clock.advanceTo('2026-03-01T10:02:00.000Z');
    expect(runs.map((r) => [r.at, r.runOnStartup, r.isPastDue])).toEqual([
      ['2026-03-01T10:00:30.000Z', true, false],
      ['2026-03-01T10:01:00.000Z', false, false],
      ['2026-03-01T10:02:00.000Z', false, false],
    ]);
    await l.stop();
  });

  it('after a restart, runs a tick missed while down once, as past due; a timely restart runs nothing extra', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'timers-')), 'store.sqlite-timers.json');
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const first = listener(clock, { schedule: '0 */5 * * * *', monitor: new FileScheduleMonitor(file) });
    first.l.start();
    await clock.advanceTo('2026-03-01T10:06:00.000Z');
    expect(first.runs.map((r) => r.at)).toEqual(['2026-03-01T10:05:00.000Z']);
    await first.l.stop();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      Job: { Last: '2026-03-01T10:05:00.000Z', Next: '2026-03-01T10:10:00.000Z', LastUpdated: '2026-03-01T10:05:00.000Z' },
    });

    // restart before the next tick: nothing past due
    await clock.advanceTo('2026-03-01T10:08:00.000Z');
    const second = listener(clock, { schedule: '0 */5 * * * *', monitor: new FileScheduleMonitor(file) });
    second.l.start();
    await clock.advanceTo('2026-03-01T10:08:30.000Z');
    expect(second.runs).toEqual([]);
    await second.l.stop();

    // down over the ticks at 10:10, 10:15 and 10:20: one past-due run at start, then the schedule
    await clock.advanceTo('2026-03-01T10:22:00.000Z');
    const third = listener(clock, { schedule: '0 */5 * * * *', monitor: new FileScheduleMonitor(file) });
    third.l.start();
    await clock.advanceTo('2026-03-01T10:25:00.000Z');
    expect(third.runs).toEqual([
      {
        at: '2026-03-01T10:22:00.000Z',
        isPastDue: true,
        runOnStartup: false,
        status: { last: '2026-03-01T10:05:00.000Z', next: '2026-03-01T10:10:00.000Z', lastUpdated: '2026-03-01T10:05:00.000Z' },
      },
      {
        at: '2026-03-01T10:25:00.000Z',
        isPastDue: false,
        runOnStartup: false,
        status: { last: '2026-03-01T10:22:00.000Z', next: '2026-03-01T10:25:00.000Z', lastUpdated: '2026-03-01T10:22:00.000Z' },
      },
    ]);
    await third.l.stop();
  });

  it('a changed schedule is not past due: next is recomputed from now', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'timers-')), 'status.json');
    writeFileSync(file, JSON.stringify({ Job: { Last: '2026-03-01T09:00:00.000Z', Next: '2026-03-01T10:00:00.000Z', LastUpdated: '2026-03-01T09:00:00.000Z' } }));
    const clock = new VirtualClock('2026-03-01T12:00:30.000Z');
    // the stored status belongs to an hourly schedule; the app now runs every 5 minutes
    const { l, runs } = listener(clock, { schedule: '0 */5 * * * *', monitor: new FileScheduleMonitor(file) });
    l.start();
    await clock.advanceTo('2026-03-01T12:05:00.000Z');
    expect(runs.map((r) => [r.at, r.isPastDue])).toEqual([['2026-03-01T12:05:00.000Z', false]]);
    await l.stop();
  });

  it('a new timer records its first next occurrence, so a restart after it counts as past due', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'timers-')), 'status.json');
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const first = listener(clock, { schedule: '0 0 * * * *', monitor: new FileScheduleMonitor(file) });
    first.l.start();
    await first.l.stop();
    expect(JSON.parse(readFileSync(file, 'utf8')).Job).toEqual({
      Last: iso(NEVER),
      Next: '2026-03-01T11:00:00.000Z',
      LastUpdated: '2026-03-01T10:00:00.000Z',
    });
    await clock.advanceTo('2026-03-01T11:30:00.000Z');
    const second = listener(clock, { schedule: '0 0 * * * *', monitor: new FileScheduleMonitor(file) });
    second.l.start();
    await clock.advanceTo('2026-03-01T11:30:01.000Z');
    expect(second.runs.map((r) => [r.at, r.isPastDue])).toEqual([['2026-03-01T11:30:00.000Z', true]]);
    await second.l.stop();
  });

  it('stop waits for the running execution and arms nothing after it', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    let release!: () => void;
    let finished = false;
    const { l, runs } = listener(clock, {
      schedule: '*/10 * * * * *',
      work: () =>
        new Promise<void>((resolve) => {
          release = () => {
            finished = true;
            resolve();
          };
        }),
    });
    l.start();
    await clock.advanceTo('2026-03-01T10:00:10.000Z');
    expect(runs).toHaveLength(1);
    const stopped = l.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
    expect(clock.pending).toBe(0);
  });
});
