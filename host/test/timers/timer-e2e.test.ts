// Timer functions through the built host on fixtures/timer: schedules with seconds, runOnStartup,
// `%Setting%` schedules, the Timer object the function gets, schedule status in the data folder and
// past-due detection after a restart. Waits are generous; nothing depends on machine speed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runHostToExit, startHost, type RunningHost } from '../support/spawnHost.js';

interface TimerLine {
  name: string;
  at: string;
  timer: { isPastDue: boolean; schedule: { adjustForDST: boolean }; scheduleStatus: { last: string; next: string; lastUpdated: string } | null };
}

const NEVER = '0001-01-01T00:00:00.000Z';
const HOUR = 3_600_000;

function timerLines(host: RunningHost, name?: string): TimerLine[] {
  return host
    .stdout()
    .split('\n')
    .flatMap((line) => {
      const json = /TIMER (\{.*\})$/.exec(line)?.[1];
      return json ? [JSON.parse(json) as TimerLine] : [];
    })
    .filter((line) => name === undefined || line.name === name);
}

async function waitForRuns(host: RunningHost, name: string, count: number): Promise<TimerLine[]> {
  const pattern = new RegExp(`(TIMER \\{"name":"${name}"[^\\n]*\\n[^]*){${count}}`);
  await host.waitForOutput(pattern, 45_000);
  return timerLines(host, name);
}

const start = (dataFile: string, env?: Record<string, string>) =>
  startHost(fixture('timer'), { defaults: false, args: ['--port', '0', '--data', dataFile], env });

describe('timer trigger', () => {
  it('runs on its schedule, once per tick, runOnStartup once, with the Timer object; monitored status goes to the data folder', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'timer-e2e-')), 'store.sqlite');
    const host = await start(dataFile);
    try {
      const started = Date.now();
      const ticks = await waitForRuns(host, 'EveryTwoSeconds', 3);
      const ended = Date.now();
      // unmonitored (sub-minute): scheduleStatus null, as on Azure; each run at or after an even second
      for (const tick of ticks) {
        expect(tick.timer).toEqual({ schedule: { adjustForDST: true }, scheduleStatus: null, isPastDue: false });
      }
      // at most one run per 2-second tick: never more runs than ticks in the window
      expect(ticks.length).toBeLessThanOrEqual(Math.floor((ended - started) / 2000) + 1);
      const times = ticks.map((t) => Date.parse(t.at));
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);

      const startup = timerLines(host, 'OnStartup');
      expect(startup).toHaveLength(1);
      const nextNewYear = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;
      expect(startup[0]!.timer.isPastDue).toBe(false);
      expect(startup[0]!.timer.scheduleStatus).toMatchObject({ last: NEVER, next: nextNewYear });
      expect(timerLines(host, 'Purge')).toEqual([]);
      expect(host.stdout()).toMatch(/Purge: timerTrigger \(Cron: '0 0 \* \* \* \*' in UTC, next \d{4}-\d\d-\d\dT\d\d:00:00\.000Z\)/);
    } finally {
      expect(await host.stop()).toBe(0);
    }
    const status = JSON.parse(readFileSync(`${dataFile}-timers.json`, 'utf8'));
    expect(Object.keys(status).sort()).toEqual(['OnStartup', 'Purge']);
    expect(status.Purge).toMatchObject({ Last: NEVER });
    expect(Date.parse(status.Purge.Next) % HOUR).toBe(0);
  });

  it('a tick missed while the host was down runs once after the restart, as past due; then not again', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'timer-e2e-')), 'store.sqlite');
    const statusFile = `${dataFile}-timers.json`;
    // The host last ran Purge (hourly) three hours ago and stopped: its recorded next tick has passed.
    const last = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
    const recorded = { Last: new Date(last).toISOString(), Next: new Date(last + HOUR).toISOString(), LastUpdated: new Date(last).toISOString() };
    writeFileSync(statusFile, JSON.stringify({ Purge: recorded }));

    const host = await start(dataFile);
    let pastDue: TimerLine[];
    try {
      pastDue = await waitForRuns(host, 'Purge', 1);
      await waitForRuns(host, 'EveryTwoSeconds', 2);
    } finally {
      expect(await host.stop()).toBe(0);
    }
    expect(pastDue).toHaveLength(1);
    expect(pastDue[0]!.timer.isPastDue).toBe(true);
    expect(pastDue[0]!.timer.scheduleStatus).toEqual({ last: recorded.Last, next: recorded.Next, lastUpdated: recorded.LastUpdated });
    expect(host.stdout()).toContain("Function 'Purge' is past due on startup. Executing now.");
    const after = JSON.parse(readFileSync(statusFile, 'utf8')).Purge;
    expect(Date.parse(after.Last)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(after.Next) % HOUR).toBe(0);

    // a restart now finds nothing past due
    const again = await start(dataFile);
    try {
      await waitForRuns(again, 'EveryTwoSeconds', 2);
    } finally {
      expect(await again.stop()).toBe(0);
    }
    expect(timerLines(again, 'Purge').filter((line) => line.timer.isPastDue)).toEqual([]);
  });

  it('keeps monitored status in memory only with --data :memory:', async () => {
    const host = await startHost(fixture('timer'));
    try {
      await waitForRuns(host, 'OnStartup', 1);
    } finally {
      expect(await host.stop()).toBe(0);
    }
    expect(existsSync(path.join(fixture('timer'), '.durable'))).toBe(false);
  });

  it('a schedule that is not valid stops the host with one line naming the function', async () => {
    const result = await runHostToExit(fixture('timer'), { env: { PURGE_SCHEDULE: '0 0 25 * * *' } });
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('Error: '));
    expect(errors).toEqual([expect.stringMatching(/^Error: Function "Purge": invalid timer schedule "%PURGE_SCHEDULE%": .*hour/i)]);
  });
});
