// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '@shared/bridge/contract';
import { createI18n } from '@shared/i18n/translate';
import { ErrorBoundary } from './components/ErrorBoundary';
import { installErrorReporting, reportTo } from './error-reporting';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function recordingBridge(fail = false) {
  const calls: { method: string; args: unknown }[] = [];
  const bridge: HostBridge = {
    transport: 'ipc',
    call: (async (method: string, args: unknown) => {
      calls.push({ method, args });
      if (fail) throw new Error('host gone');
      return { logged: true };
    }) as HostBridge['call'],
  };
  return { bridge, calls };
}

describe('renderer error reporting', () => {
  it('sends uncaught errors and unhandled rejections to the host log', async () => {
    const { bridge, calls } = recordingBridge();
    const stop = installErrorReporting(window, reportTo(bridge));
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('x is undefined'), message: 'x is undefined', filename: 'app://qabyldau/assets/a.js', lineno: 3, colno: 7 }));
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = new Error('sync failed');
    window.dispatchEvent(rejection);
    stop();
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('after stop') }));
    expect(calls).toEqual([
      { method: 'app.reportError', args: expect.objectContaining({ kind: 'error', message: 'TypeError: x is undefined', source: 'app://qabyldau/assets/a.js:3:7' }) },
      { method: 'app.reportError', args: expect.objectContaining({ kind: 'unhandledrejection', message: 'Error: sync failed' }) },
    ]);
  });

  it('swallows a failing bridge instead of raising a new unhandled rejection', async () => {
    const { bridge, calls } = recordingBridge(true);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    reportTo(bridge)({ kind: 'error', message: 'boom' });
    await expect.poll(() => calls.length).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('shows a localised notice with a reload button when a screen throws, and reports it', async () => {
    const i18n = await createI18n('ru', [initReactI18next]);
    const reports: unknown[] = [];
    const Broken = () => {
      throw new Error('render failed');
    };
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container, { onUncaughtError: () => undefined, onCaughtError: () => undefined });
    await act(async () =>
      root.render(
        <I18nextProvider i18n={i18n}>
          <ErrorBoundary onError={(r) => reports.push(r)}>
            <Broken />
          </ErrorBoundary>
        </I18nextProvider>,
      ),
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('В программе произошла ошибка');
    expect(container.querySelector('button')?.textContent).toBe('Перезагрузить');
    expect(reports).toEqual([expect.objectContaining({ kind: 'render', message: 'Error: render failed' })]);
    act(() => root.unmount());
  });
});
