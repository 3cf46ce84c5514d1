import type { HostBridge } from '@shared/bridge/contract';

type Report = { kind: 'error' | 'unhandledrejection' | 'render'; message: string; stack?: string; source?: string };

const describe = (reason: unknown): { message: string; stack?: string } =>
  reason instanceof Error ? { message: `${reason.name}: ${reason.message}`, ...(reason.stack ? { stack: reason.stack } : {}) } : { message: String(reason) };

/** Sends a renderer failure to the host log. Reporting must never throw or loop, whatever the bridge does. */
export function reportTo(bridge: HostBridge): (report: Report) => void {
  return (report) => {
    bridge
      .call('app.reportError', {
        ...report,
        message: report.message.slice(0, 2_000),
        ...(report.stack ? { stack: report.stack.slice(0, 8_000) } : {}),
        ...(report.source ? { source: report.source.slice(0, 500) } : {}),
      })
      .catch(() => undefined);
  };
}

/** Uncaught errors and unhandled rejections reach the host's log instead of vanishing in a closed DevTools. */
export function installErrorReporting(target: Window, report: (report: Report) => void): () => void {
  const onError = (event: ErrorEvent) =>
    report({ kind: 'error', ...describe(event.error ?? event.message), ...(event.filename ? { source: `${event.filename}:${event.lineno}:${event.colno}` } : {}) });
  const onRejection = (event: PromiseRejectionEvent) => report({ kind: 'unhandledrejection', ...describe(event.reason) });
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}

export { describe as describeFailure };
