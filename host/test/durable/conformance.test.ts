// Conformance of the durable task hub with the real durable-functions 3.5.0 library, through the real host
// (dist/cli/main.js) on the durable-basic fixture: the spec §8 list first, then the rest of the client API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

let host: RunningHost;
let b: Bridge;
const API = '/runtime/webhooks/durabletask';
let seq = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;


async function run(name: string, input: unknown, id = uid(name)) {
  await b.client('startNew', name, { input, instanceId: id });
  return b.waitForStatus(id, ['Completed', 'Failed', 'Terminated']);
}

// The app's DurableClient reaches the API in-process by default (client/inProcessClient.ts); the whole suite
// also runs over loopback HTTP, the way the extension's client does on Azure.
describe.each(['in-process', 'http'])('client transport %s', (transport) => {
  beforeAll(async () => {
    host = await startHost(fixture('durable-basic'), { env: { DURABLE_CLIENT_TRANSPORT: transport } });
    b = bridge(host.url);
  });
  afterAll(async () => {
    await host?.stop();
  });

  describe('spec §8 conformance', () => {
    it('lock → call → call → release → activity completes with the right values and unlocks both entities', async () => {
      const user = uid('u');
      const status = await run('LockFlow', { user, amount: 2 });
      expect(status).toMatchObject({ runtimeStatus: 'Completed', output: 4, name: 'LockFlow' });
      expect(await b.client('readEntityState', 'Counter', `a-${user}`)).toEqual({ entityExists: true, entityState: 2 });
      expect(await b.client('readEntityState', 'Counter', `b-${user}`)).toEqual({ entityExists: true, entityState: 2 });
      // unlocked: a client signal is processed right away
      await b.client('signalEntity', 'Counter', `a-${user}`, 'add', 5);
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', `a-${user}`)).entityState).toBe(7);
    });

    it('reproduces the library quirks: Error → "[object Object]", string throw → message, no rollback, lower-cased self', async () => {
      const key = uid('err');
      const status = await run('EntityErrors', key);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toEqual({
        thrownError: '[object Object]',
        thrownString: 'plain string failure',
        stateAfter: 41,
        self: { name: 'counter', key, isNew: false },
      });
    });

    it('answers 202 with Location and Retry-After right after startNew, 404 for unknown ids, 200 when done', async () => {
      const id = uid('wait');
      await b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: id });
      const running = await b.raw('GET', `${API}/instances/${id}`);
      expect(running.status).toBe(202);
      expect(['Pending', 'Running']).toContain(running.json.runtimeStatus);
      expect(running.headers.get('retry-after')).toBe('5');
      expect(running.headers.get('location')).toContain(`/instances/${id}`);
      expect(running.json).toMatchObject({ name: 'WaitEvent', instanceId: id, input: 60_000, output: null, customStatus: null });
      expect(running.json.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect((await b.raw('GET', `${API}/instances/nope-${id}`)).status).toBe(404);
      await expect(b.client('getStatus', `nope-${id}`)).rejects.toThrow(/HTTP 404/);
      await b.client('raiseEvent', id, 'approve', { ok: true });
      const done = await b.waitForStatus(id, ['Completed']);
      expect(done.output).toEqual({ approved: { ok: true } });
      expect((await b.raw('GET', `${API}/instances/${id}`)).status).toBe(200);
    });

    it('waitForCompletionOrCreateCheckStatusResponse: 200 with the output, 500 on failure, 202 with followable URLs on timeout', async () => {
      const id = uid('hello');
      await b.client('startNew', 'Hello', { input: 'abc', instanceId: id });
      const ok = await b.clientResponse('waitForCompletion', id, { timeoutInMilliseconds: 10_000, retryIntervalInMilliseconds: 20 });
      expect(ok.status).toBe(200);
      // activity string input round-trips as a string (spec §5.5)
      expect(JSON.parse(ok.body)).toEqual({ echoed: 'abc', type: 'string' });

      const failing = uid('fails');
      await b.client('startNew', 'Fails', { instanceId: failing });
      const failed = await b.clientResponse('waitForCompletion', failing, { timeoutInMilliseconds: 10_000, retryIntervalInMilliseconds: 20 });
      expect(failed.status).toBe(500);
      expect(JSON.parse(failed.body)).toMatchObject({ runtimeStatus: 'Failed', output: "Orchestrator function 'Fails' failed: orchestrator failed on purpose" });

      const slow = uid('slow');
      await b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: slow });
      const timedOut = await b.clientResponse('waitForCompletion', slow, { timeoutInMilliseconds: 200, retryIntervalInMilliseconds: 50 });
      expect(timedOut.status).toBe(202);
      const links = JSON.parse(timedOut.body);
      expect(links.id).toBe(slow);
      expect(links.statusQueryGetUri.startsWith(`${host.url}${API}/instances/${slow}?`)).toBe(true);
      // following the links works: status, then raise event, then terminate of a finished one is 410
      expect((await fetch(links.statusQueryGetUri)).status).toBe(202);
      const raise = await fetch(links.sendEventPostUri.replace('{eventName}', 'approve'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"yes"' });
      expect(raise.status).toBe(202);
      await b.waitForStatus(slow, ['Completed']);
      expect((await fetch(links.statusQueryGetUri)).status).toBe(200);
      expect((await fetch(links.terminatePostUri.replace('{text}', 'late'), { method: 'POST' })).status).toBe(410);
    });

    it('createCheckStatusResponse gives 202, Location and management URLs on the request origin', async () => {
      const r = await b.clientResponse('createCheckStatusResponse', 'some-id');
      expect(r.status).toBe(202);
      const body = JSON.parse(r.body);
      expect(r.headers.location).toBe(body.statusQueryGetUri);
      expect(body.statusQueryGetUri).toBe(`${host.url}${API}/instances/some-id?taskHub=ConformanceHub&connection=Storage`);
      expect(body.purgeHistoryDeleteUri).toContain('/instances/some-id?');
    });

    it('readEntityState of an unknown entity is {entityExists:false}; destructOnExit deletes', async () => {
      const key = uid('gone');
      expect(await b.client('readEntityState', 'Counter', key)).toEqual({ entityExists: false });
      await b.client('signalEntity', 'Counter', key, 'add', 1);
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityExists).toBe(true);
      await b.client('signalEntity', 'Counter', key, 'delete');
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityExists).toBe(false);
    });

    it('orchestrator throw → Failed with the message; activity failure reaches the orchestrator as an Error', async () => {
      expect(await run('Fails', null)).toMatchObject({ runtimeStatus: 'Failed', output: "Orchestrator function 'Fails' failed: orchestrator failed on purpose" });
      const caught = await run('ActivityFails', null);
      expect(caught.runtimeStatus).toBe('Completed');
      expect(caught.output).toMatch(/^Activity function 'Fail' failed: {2}activity failed with "x" \n /);
    });

    it('a lock holder runs first; a client signal to the locked entity waits until the release', async () => {
      const key = uid('held');
      await b.client('signalEntity', 'Counter', key, 'add', 1);
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityState).toBe(1);
      const id = uid('hold');
      await b.client('startNew', 'HoldLock', { input: key, instanceId: id });
      await b.waitForStatus(id, ['Running']);
      await new Promise((r) => setTimeout(r, 100)); // lock acquired and the first call done
      await b.client('signalEntity', 'Counter', key, 'add', 100);
      await new Promise((r) => setTimeout(r, 150));
      expect((await b.client('readEntityState', 'Counter', key)).entityState).toBe(1);
      await b.client('raiseEvent', id, 'go', true);
      const done = await b.waitForStatus(id, ['Completed']);
      expect(done.output).toEqual({ before: 1, after: 11 });
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityState).toBe(111);
    });
  });

  describe('orchestration features', () => {
    it('activities with retry succeed after failures, or fail after maxNumberOfAttempts and the orchestration goes on', async () => {
      expect((await run('Retry', { key: uid('r'), failures: 2, attempts: 3 })).output).toEqual({ result: 3, after: 'after' });
      const exhausted = await run('Retry', { key: uid('r'), failures: 9, attempts: 2 });
      expect(exhausted.output).toEqual({ result: "failed: Activity function 'Flaky' failed:  attempt 2 fails ", after: 'after' });
    });

    it('durable timers fire (not before their time), Task.any with an external event, Task.all fan-out with entity calls and signals', async () => {
      const started = Date.now();
      expect((await run('Timer', 300)).output).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect((await run('WaitEvent', 50)).output).toBe('timed out');
      // a fresh entity key: the entity call answers 1 (0 + 1), so the sum is known before the run
      const fan = uid('fan');
      expect((await run('FanOut', { n: 6, key: fan })).output).toBe(0 + 1 + 2 + 3 + 4 + 5 + 1);
      expect(await b.client('readEntityState', 'Counter', fan)).toEqual({ entityExists: true, entityState: 1 });
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', `${fan}-signal`)).entityState).toBe(2);
    });

    it('custom status is visible while running and after completion', async () => {
      const id = uid('cs');
      await b.client('startNew', 'CustomStatus', { instanceId: id });
      await expect.poll(async () => (await b.client('getStatus', id)).customStatus).toEqual({ stage: 'waiting' });
      await b.client('raiseEvent', id, 'go', 1);
      const done = await b.waitForStatus(id, ['Completed']);
      expect(done.customStatus).toEqual({ stage: 'done' });
    });

    it('continueAsNew restarts with the new input until it finishes', async () => {
      expect(await run('Continue', 0)).toMatchObject({ runtimeStatus: 'Completed', output: 'finished at 3', input: 3 });
    });

    it('sub-orchestrations return their output or fail the parent task with the child failure', async () => {
      const id = uid('parent');
      const status = await run('SubOrch', null, id);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output.hello).toEqual({ echoed: 'x', type: 'string' });
      expect(status.output.failed).toMatch(/^Orchestrator function 'Fails' failed: orchestrator failed on purpose \n $/);
      expect(await b.waitForStatus(`${id}-child`, ['Failed'])).toMatchObject({ name: 'Fails' });
    });

    it('sub-orchestrations with retry start a new child per attempt', async () => {
      expect((await run('SubOrchRetry', { key: uid('sr'), failures: 1, attempts: 3 })).output).toBe(2);
      expect((await run('SubOrchRetry', { key: uid('sr'), failures: 5, attempts: 2 })).output).toMatch(/^failed: Orchestrator function 'FlakyChild' failed: Activity function 'Flaky' failed: {2}attempt 2 fails/);
    });

    it('callHttp fails the orchestration as not supported; unknown activities fail it', async () => {
      expect((await run('CallsHttp', null)).output).toBe("Orchestrator function 'CallsHttp' failed: not supported by the local host: callHttp");
      expect((await run('UnknownActivity', null)).output).toMatch(/The function 'NoSuchActivity' doesn't exist/);
    });

    it('a replay that disagrees with history fails with a non-determinism error naming the action', async () => {
      const status = await run('NonDeterministic', null);
      expect(status.runtimeStatus).toBe('Failed');
      expect(status.output).toContain("Non-deterministic workflow detected: action #0 was CallActivity('Echo') when first executed, but the replay produced CallActivity('TypeOf')");
    });

    it('releases locks still held when an orchestration completes or fails (documented choice)', async () => {
      for (const name of ['LockNoRelease', 'LockThenFail']) {
        const key = uid(name);
        await run(name, key);
        await b.client('signalEntity', 'Counter', key, 'add', 5);
        await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityState).toBe(6);
      }
    });

    it('entities signal entities (target lower-cased, spec §4.6 Q4)', async () => {
      const key = uid('fwd');
      await b.client('signalEntity', 'Counter', uid('src'), 'forward', { key, amount: 3 });
      await expect.poll(async () => (await b.client('readEntityState', 'counter', key)).entityState).toBe(3);
    });
  });

  describe('client API', () => {
    it('starting an id that is running is a 409 the client surfaces; a finished id is overwritten', async () => {
      const id = uid('dup');
      await b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: id });
      await expect(b.client('startNew', 'WaitEvent', { input: 1, instanceId: id })).rejects.toThrow(/unexpected status code: 409.*already exists/);
      await b.client('terminate', id, 'enough');
      expect(await b.waitForStatus(id, ['Terminated'])).toMatchObject({ output: 'enough' });
      await b.client('startNew', 'Hello', { input: 2, instanceId: id });
      expect(await b.waitForStatus(id, ['Completed'])).toMatchObject({ name: 'Hello', output: { echoed: 2, type: 'number' } });
    });

    it('suspend holds events until resume; terminate of a finished instance is 410 (the client resolves)', async () => {
      const id = uid('susp');
      await b.client('startNew', 'CustomStatus', { instanceId: id });
      await b.waitForStatus(id, ['Running']);
      await b.client('suspend', id, 'pause');
      await b.waitForStatus(id, ['Suspended']);
      await b.client('raiseEvent', id, 'go', 1);
      await new Promise((r) => setTimeout(r, 100));
      expect((await b.client('getStatus', id)).runtimeStatus).toBe('Suspended');
      await b.client('resume', id, 'continue');
      await b.waitForStatus(id, ['Completed']);
      await expect(b.client('terminate', id, 'late')).resolves.toBeNull();
      await expect(b.client('terminate', `nope-${id}`, 'x')).rejects.toThrow(/No instance with ID/);
    });

    it('raiseEvent to an unknown instance is an error; the raw API rejects a non-JSON event body', async () => {
      await expect(b.client('raiseEvent', uid('nope'), 'e', 1)).rejects.toThrow(/No instance with ID/);
      const id = uid('ev');
      await b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: id });
      const bad = await b.raw('POST', `${API}/instances/${id}/raiseEvent/approve`, '{oops', { 'content-type': 'application/json' });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/not valid JSON/) });
      await b.client('terminate', id, 'cleanup');
    });

    it('queries status by runtime status, purges one and by filter', async () => {
      const id = uid('q');
      await run('Hello', 'q', id);
      const completed = await b.client<any[]>('getStatusBy', ['Completed']);
      expect(completed.some((s) => s.instanceId === id)).toBe(true);
      expect(completed.every((s) => s.runtimeStatus === 'Completed')).toBe(true);
      expect(await b.client('purgeInstanceHistory', id)).toEqual({ instancesDeleted: 1 });
      expect(await b.client('purgeInstanceHistory', id)).toEqual({ instancesDeleted: 0 });
      const other = uid('q2');
      await run('Fails', null, other);
      const purged = await b.client('purgeInstanceHistoryBy', new Date(Date.now() - 60_000).toISOString(), ['Failed']);
      expect(purged.instancesDeleted).toBeGreaterThanOrEqual(1);
      expect((await b.raw('GET', `${API}/instances/${other}`)).status).toBe(404);
    });

    it('a purge racing a new start of the same finished id never deletes the started instance', async () => {
      for (let i = 0; i < 10; i++) {
        const id = uid('race');
        await run('Hello', 'x', id);
        const [start, purge] = await Promise.all([
          b.raw('POST', `${API}/orchestrators/WaitEvent/${id}`, '60000', { 'content-type': 'application/json' }),
          b.raw('DELETE', `${API}/instances/${id}`),
        ]);
        // the start waits for a committing purge (409), or the purge ends the new execution (as on Azure, a
        // purge deletes a running instance: terminated first), or the purge went first and the start made a
        // new instance: never a stored instance the engine has forgotten, or a running one the store has not
        expect([[202, 409], [409, 200], [202, 200]]).toContainEqual([start.status, purge.status]);
        const after = await b.raw('GET', `${API}/instances/${id}`);
        if (start.status === 202 && after.status !== 404) {
          expect(after.json).toMatchObject({ name: 'WaitEvent', runtimeStatus: expect.stringMatching(/Pending|Running/) });
          await b.client('terminate', id, 'cleanup');
        } else expect(after.status).toBe(404);
      }
    });

    it('10 concurrent starts of one new id: exactly one 202, the others 409', async () => {
      const id = uid('same');
      const replies = await Promise.all([...Array(10)].map(() => b.raw('POST', `${API}/orchestrators/WaitEvent/${id}`, '60000', { 'content-type': 'application/json' })));
      expect(replies.map((r) => r.status).sort()).toEqual([202, ...Array(9).fill(409)]);
      expect(replies.filter((r) => r.status === 409).every((r) => r.json.error.code === 'Conflict')).toBe(true);
      await b.client('terminate', id, 'cleanup');
    });

    it('getStatusBy filters by createdTimeFrom/createdTimeTo and runtimeStatus (real DurableClient)', async () => {
      const t0 = new Date(Date.now() - 1);
      const first = uid('tq');
      await run('Hello', 'a', first);
      await new Promise((r) => setTimeout(r, 5));
      const t1 = new Date();
      await new Promise((r) => setTimeout(r, 5)); // the filters include their bounds: keep `second` off t1's millisecond
      const second = uid('tq');
      await b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: second });
      await b.waitForStatus(second, ['Running']);
      const t2 = new Date(Date.now() + 1);
      const ids = async (filter: object) => (await b.client<any[]>('getStatusBy', filter)).map((s) => s.instanceId).filter((i: string) => i === first || i === second).sort();
      expect(await ids({ createdTimeFrom: t0.toISOString(), createdTimeTo: t1.toISOString() })).toEqual([first]);
      expect(await ids({ createdTimeFrom: t1.toISOString() })).toEqual([second]);
      expect(await ids({ createdTimeTo: t1.toISOString() })).toEqual([first]);
      expect(await ids({ createdTimeFrom: t0.toISOString(), createdTimeTo: t2.toISOString() })).toEqual([first, second].sort());
      expect(await ids({ createdTimeFrom: t0.toISOString(), runtimeStatus: ['Running'] })).toEqual([second]);
      expect(await ids({ createdTimeFrom: t0.toISOString(), runtimeStatus: ['Completed', 'Failed'] })).toEqual([first]);
      expect(await ids({ createdTimeFrom: t1.toISOString(), runtimeStatus: ['Completed'] })).toEqual([]);
      await b.client('terminate', second, 'cleanup');
    });

    it('validates input: unknown orchestrator or entity → 400, bad instance id → 400, unknown route → 404', async () => {
      await expect(b.client('startNew', 'NoSuchOrchestrator')).rejects.toThrow(/unexpected status code: 400/);
      await expect(b.client('signalEntity', 'NoSuchEntity', 'k', 'op')).rejects.toThrow(/unexpected status code: 400/);
      expect((await b.raw('POST', `${API}/orchestrators/Hello/@bad`, '')).status).toBe(400);
      expect((await b.raw('POST', `${API}/orchestrators/Hello`, '{not json', { 'content-type': 'application/json' })).status).toBe(400);
      const unknown = await b.raw('GET', `${API}/nothing/here`);
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatchObject({ code: 'NotFound', message: expect.stringMatching(/unknown durable API route/) });
      const gone = uid('gone');
      await run('Hello', 'g', gone);
      expect((await b.raw('POST', `${API}/instances/${gone}/raiseEvent/e`, '1', { 'content-type': 'application/json' })).json).toEqual({ error: { code: 'Gone', message: `Instance '${gone}' is Completed; it takes no more events.` } });
    });

    it('delivers entity operations FIFO per sender, each exactly once', async () => {
      const key = uid('log');
      for (let i = 0; i < 30; i++) await b.client('signalEntity', 'Log', key, 'append', i);
      await expect.poll(async () => (await b.client('readEntityState', 'Log', key)).entityState?.length).toBe(30);
      expect((await b.client('readEntityState', 'Log', key)).entityState).toEqual([...Array(30).keys()]);
    });
  });
});
