import type { HostBridge } from '@shared/bridge/contract';
import { cachedSession } from '../sync/session-cache';
import { RegisterApi } from './api';

const apis = new WeakMap<HostBridge, RegisterApi>();

/** One RegisterApi per host bridge, shared by the desk components and the checks puller. */
export function registerApiFor(bridge: HostBridge): RegisterApi {
  let api = apis.get(bridge);
  if (!api) {
    api = new RegisterApi(cachedSession(bridge));
    apis.set(bridge, api);
  }
  return api;
}
