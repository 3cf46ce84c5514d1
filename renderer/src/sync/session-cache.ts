import type { HostBridge } from '@shared/bridge/contract';
import type { ApiSession } from '../api/client';

/** Asks the host for an API session and reuses it until shortly before expiry (or until the server rejects it). */
export function cachedSession(bridge: HostBridge) {
  let current: (ApiSession & { expiresAt: string }) | undefined;
  const get = async (): Promise<ApiSession> => {
    if (current && new Date(current.expiresAt).getTime() - Date.now() > 60_000) return current;
    current = await bridge.call('api.session', {});
    return current;
  };
  get.invalidate = () => {
    current = undefined;
  };
  return get;
}
