// Loads a durable fixture app (fixtures/<name>/index.js) into a FakeApp, so the same orchestrations, entities
// and activities that the end-to-end tests run in the spawned host also run in-process against src/ (what
// mutation testing needs). The fixture's `df.app.*` registrations go to the FakeApp; `@azure/functions`
// registrations (HTTP functions) are ignored.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeApp } from './fakeApp.js';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

type Handler = (...args: any[]) => any;
const handlerOf = (h: Handler | { handler: Handler }): Handler => (typeof h === 'function' ? h : h.handler);

export function fixtureApp(name: string): FakeApp {
  const fake = new FakeApp();
  const file = path.join(fixturesDir, name, 'index.js');
  const realRequire = createRequire(file);
  const df = realRequire('durable-functions');
  const dfApp = {
    orchestration: (n: string, h: Handler | { handler: Handler }) => void fake.orchestration(n, handlerOf(h) as any),
    entity: (n: string, h: Handler | { handler: Handler }) => void fake.entity(n, handlerOf(h)),
    activity: (n: string, h: Handler | { handler: Handler }) => void fake.activity(n, handlerOf(h)),
  };
  const dfStub = new Proxy(df, { get: (target, prop) => (prop === 'app' ? dfApp : Reflect.get(target, prop)) });
  const ignored = new Proxy({}, { get: () => () => undefined });
  const azfStub = { app: ignored };
  const require = (id: string) => (id === 'durable-functions' ? dfStub : id === '@azure/functions' ? azfStub : realRequire(id));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__filename', '__dirname', readFileSync(file, 'utf8'))(require, module, module.exports, file, path.dirname(file));
  return fake;
}
