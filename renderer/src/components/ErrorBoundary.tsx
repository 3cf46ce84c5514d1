import { Component, type ErrorInfo, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';
import { describeFailure } from '../error-reporting';

interface Props extends WithTranslation {
  children: ReactNode;
  onError(report: { kind: 'render'; message: string; stack?: string; source?: string }): void;
}

/**
 * A screen that throws while rendering shows a localised notice with a reload button instead of a blank window;
 * the failure goes to the host log. Queued applications live in IndexedDB, so reloading loses nothing queued.
 */
class Boundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    this.props.onError({ kind: 'render', ...describeFailure(error), ...(info.componentStack ? { source: info.componentStack.trim().split('\n')[0] ?? '' } : {}) });
  }

  override render() {
    const { t } = this.props;
    if (!this.state.failed) return this.props.children;
    return (
      <div className="fatal" role="alert">
        <p>{t('common:crashed')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('common:reload')}
        </button>
      </div>
    );
  }
}

export const ErrorBoundary = withTranslation()(Boundary);
