import {
  hostContract,
  loopbackPathPrefix,
  hostResponseSchema,
  preloadGlobalName,
  type HostArgs,
  type HostBridge,
  type HostMethod,
  type HostResult,
} from '@shared/bridge/contract';
import { AppError } from '@shared/errors';

interface PreloadInvoker {
  invoke(method: string, args: unknown): Promise<unknown>;
}

function unwrap<M extends HostMethod>(method: M, raw: unknown): HostResult<M> {
  const response = hostResponseSchema.parse(raw);
  if (!response.ok) throw AppError.from(response.error);
  return hostContract[method].result.parse(response.value) as HostResult<M>;
}

/** IPC when the Electron preload exposed its invoker; the loopback HTTP transport otherwise. */
export function createHostBridge(win: Window = window): HostBridge {
  const preload = (win as unknown as Record<string, PreloadInvoker | undefined>)[preloadGlobalName];
  if (preload) {
    return {
      transport: 'ipc',
      call: async (method, args) => unwrap(method, await preload.invoke(method, args)),
    };
  }
  // The loopback host authorises the page by its HttpOnly session cookie, sent with every same-origin call.
  return {
    transport: 'loopback',
    async call<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResult<M>> {
      let res: Response;
      try {
        res = await fetch(`${loopbackPathPrefix}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args),
        });
      } catch (error) {
        throw new AppError('errors:host.unreachable', undefined, String(error));
      }
      if (!res.ok) throw new AppError('errors:host.refused', { status: res.status });
      return unwrap(method, await res.json());
    },
  };
}
