import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preloadGlobalName } from '@shared/bridge/contract';
import { createFakeElectron, type FakeElectron } from './testkit/fake-electron';

// electron/preload.ts against the fake `electron`: what the page's main world actually receives.
let fake: FakeElectron;
type Invoker = { invoke(method: string, args: unknown): Promise<unknown> };

beforeEach(async () => {
  fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'qabyldau-preload-')) });
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  await import('./preload');
});
afterEach(() => vi.doUnmock('electron'));

describe('electron/preload.ts', () => {
  it('exposes one frozen object with one invoke function, and nothing of ipcRenderer', () => {
    expect([...fake.exposed.keys()]).toEqual([preloadGlobalName]);
    const api = fake.exposed.get(preloadGlobalName) as Invoker;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => Object.assign(api, { ipcRenderer: fake.electron.ipcRenderer })).toThrow(TypeError);
    expect(Object.values(api)).not.toContain(fake.electron.ipcRenderer);
  });

  it('forwards a contract method to its own channel', async () => {
    const api = fake.exposed.get(preloadGlobalName) as Invoker;
    await api.invoke('app.ping', { nonce: 'a' });
    expect(fake.invoked).toEqual([{ channel: 'host:app.ping', args: [{ nonce: 'a' }] }]);
  });

  it('refuses a method outside the contract without touching IPC', async () => {
    const api = fake.exposed.get(preloadGlobalName) as Invoker;
    await expect(api.invoke('shell.openExternal', { url: 'file:///etc/passwd' })).rejects.toThrow('unknown host method shell.openExternal');
    await expect(api.invoke('__proto__', {})).rejects.toThrow('unknown host method __proto__');
    expect(fake.invoked).toEqual([]);
  });
});
