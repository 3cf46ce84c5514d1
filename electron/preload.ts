import { contextBridge, ipcRenderer } from 'electron';
import { hostMethods, ipcChannel, preloadGlobalName, type HostMethod } from '@shared/bridge/contract';

// The renderer gets exactly one frozen function; it cannot reach ipcRenderer or any channel outside the contract.
const allowed = new Set<string>(hostMethods);
contextBridge.exposeInMainWorld(
  preloadGlobalName,
  Object.freeze({
    invoke(method: string, args: unknown): Promise<unknown> {
      if (!allowed.has(method)) return Promise.reject(new Error(`unknown host method ${method}`));
      return ipcRenderer.invoke(ipcChannel(method as HostMethod), args);
    },
  }),
);
