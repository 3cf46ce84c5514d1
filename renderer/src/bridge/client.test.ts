// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { preloadGlobalName } from '@shared/bridge/contract';
import { createHostBridge } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
  document.head.innerHTML = '';
  delete (window as unknown as Record<string, unknown>)[preloadGlobalName];
});

describe('host bridge client', () => {
  it('uses the preload invoker when Electron exposed it, and validates the result', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: { nonce: 'a', receivedAt: new Date().toISOString() } }));
    (window as unknown as Record<string, unknown>)[preloadGlobalName] = { invoke };
    const bridge = createHostBridge(window);
    expect(bridge.transport).toBe('ipc');
    expect((await bridge.call('app.ping', { nonce: 'a' })).nonce).toBe('a');
    expect(invoke).toHaveBeenCalledWith('app.ping', { nonce: 'a' });
  });

  it('falls back to the loopback transport, authorised by the same-origin session cookie', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify({ ok: false, error: { code: 'errors:api.unreachable' } }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const bridge = createHostBridge(window);
    expect(bridge.transport).toBe('loopback');
    await expect(bridge.call('api.session', {})).rejects.toMatchObject({ code: 'errors:api.unreachable' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/__host/api.session');
    expect(init.credentials).toBe('same-origin');
    expect(Object.keys(init.headers as Record<string, string>)).toEqual(['content-type']);
  });

  it('rejects a host answer that breaks the contract', async () => {
    (window as unknown as Record<string, unknown>)[preloadGlobalName] = { invoke: async () => ({ ok: true, value: { nonce: 1 } }) };
    await expect(createHostBridge(window).call('app.ping', { nonce: 'a' })).rejects.toThrow(ZodError);
  });
});
