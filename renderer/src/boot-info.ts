import type { z } from 'zod';
import { hostContract, type HostBridge, type HostResult } from '@shared/bridge/contract';

const key = 'qabyldau.app-info';
const infoSchema = hostContract['app.info'].result;

/**
 * The host's non-secret facts (centre, API address, version). Remembered so the workstation still opens when
 * the host call cannot be made (the loopback transport is offline together with the network in a browser tab).
 */
export async function loadAppInfo(bridge: HostBridge): Promise<HostResult<'app.info'>> {
  try {
    const info = await bridge.call('app.info', {});
    localStorage.setItem(key, JSON.stringify(info));
    return info;
  } catch (error) {
    const saved = infoSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
    if (saved.success) return saved.data;
    throw error;
  }
}
export type AppInfo = z.infer<typeof infoSchema>;
