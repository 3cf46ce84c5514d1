import type { LicensingServer } from '../app';

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  /** In-flight requests get this long to finish before the process exits anyway (default 25 s, under Kubernetes' 30 s). */
  graceMs?: number;
  exit?: (code: number) => void;
}

/**
 * Stops on SIGTERM/SIGINT without cutting a request: `/readyz` turns 503 at once, the listener stops accepting,
 * idle keep-alive connections close, requests in flight (a submission, a tus chunk) run to their answer, then the
 * database pool closes. A second signal or the grace period ends the process regardless.
 */
export function installGracefulShutdown(server: LicensingServer, options: ShutdownOptions = {}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.app.log.warn({ signal }, 'second signal: exiting without waiting');
      return exit(1);
    }
    stopping = true;
    server.readiness.draining = true;
    server.app.log.info({ signal }, 'draining: finishing requests in flight');
    const deadline = setTimeout(() => {
      server.app.log.error('grace period over: exiting with requests still open');
      exit(1);
    }, options.graceMs ?? 25_000);
    deadline.unref();
    server.close().then(
      () => {
        server.app.log.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) process.on(signal, stop);
}
