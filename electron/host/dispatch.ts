import { AppError } from '@shared/errors';
import { hostContract, isHostMethod, type HostArgs, type HostMethod, type HostResponse, type HostResult } from '@shared/bridge/contract';

export type HostServices = { [M in HostMethod]: (args: HostArgs<M>) => Promise<HostResult<M>> };

/**
 * The single entry point both transports (IPC and loopback) use: unknown methods, malformed arguments and
 * results that break the contract all become AppErrors; nothing else reaches the renderer.
 */
export async function dispatch(services: HostServices, method: string, rawArgs: unknown): Promise<HostResponse> {
  if (!isHostMethod(method)) return fail(new AppError('errors:host.unknownMethod', { method }));
  const spec = hostContract[method];
  const args = spec.args.safeParse(rawArgs ?? {});
  if (!args.success) return fail(new AppError('errors:host.badArguments', { method }, args.error.message));
  try {
    const handler = services[method] as (a: unknown) => Promise<unknown>;
    const value = await handler(args.data);
    const checked = spec.result.safeParse(value);
    if (!checked.success) return fail(new AppError('errors:host.badResult', { method }, checked.error.message));
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    return fail(new AppError('errors:host.failed', { method }, error instanceof Error ? error.message : String(error)));
  }
}

function fail(error: AppError): HostResponse {
  return { ok: false, error: error.toJSON() };
}
