import { useTranslation } from 'react-i18next';
import { AppError, type AppErrorData } from '@shared/errors';

/** Turns any failure into a sentence in the operator's language; unknown failures get a generic message. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    const data: AppErrorData | undefined =
      error instanceof AppError ? error.toJSON() : typeof error === 'object' && error && 'code' in error ? (error as AppErrorData) : undefined;
    if (data && i18n.exists(data.code)) return t(data.code, data.params ?? {});
    return t('errors:unexpected');
  };
}
