import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubOperation } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';
import { isSatisfied, needsCopy, needsOriginal } from './completeness';
import type { Marks } from './intake-state';
import { ScanPanel } from '../../scan/ScanPanel';

interface Props {
  op: SubOperation;
  marks: Marks;
  onMark: (key: string, which: 'original' | 'copy', value: boolean) => void;
  /** The draft the scanned documents attach to; without it the rows offer no scanning. */
  applicationId?: string;
  /** This desk scans every mandatory document (then a document counts only once a scan is attached). */
  scans?: boolean;
  onScans?: (on: boolean) => void;
  /** Document keys with an attached scan. */
  scanned?: ReadonlySet<string> | undefined;
}

/** The document checklist with the operator's two marks; only the marks an item calls for are offered. */
export function Checklist({ op, marks, onMark, applicationId, scans = false, onScans, scanned }: Props) {
  const { t, i18n } = useTranslation();
  const [scanning, setScanning] = useState<string | null>(null);
  const lang = i18n.language as Language;
  return (
    <fieldset className="intake-section">
      <legend>{t('intake:section.documents')}</legend>
      {onScans && (
        <label className="check-line">
          <input
            type="checkbox"
            data-testid="desk-scans"
            checked={scans}
            onChange={(e) => onScans(e.target.checked)}
          />{' '}
          {t('intake:deskScans')}
        </label>
      )}
      <table className="checklist" data-testid="checklist">
        <thead>
          <tr>
            <th scope="col">{t('intake:doc.name')}</th>
            <th scope="col">{t('intake:doc.original')}</th>
            <th scope="col">{t('intake:doc.copy')}</th>
          </tr>
        </thead>
        <tbody>
          {op.checklist.map((item) => {
            const mark = marks[item.key];
            const attached = !!scanned?.has(item.key);
            const ok = isSatisfied(item, mark) && (!scans || !item.required || attached);
            const box = (which: 'original' | 'copy', needed: boolean) =>
              needed ? (
                <input
                  id={`intake-doc-${item.key}-${which}`}
                  type="checkbox"
                  checked={!!mark?.[which]}
                  aria-label={t(which === 'original' ? 'intake:doc.originalOf' : 'intake:doc.copyOf', {
                    name: item.name[lang],
                  })}
                  onChange={(e) => onMark(item.key, which, e.target.checked)}
                />
              ) : (
                <span aria-hidden="true">—</span>
              );
            return (
              <Fragment key={item.key}>
                <tr data-testid="checklist-item" data-key={item.key} className={ok ? 'doc-ok' : undefined}>
                  <th scope="row">
                    <span>{item.name[lang]}</span>
                    {item.required ? (
                      <span className="required" aria-hidden="true">
                        {' *'}
                      </span>
                    ) : (
                      <span className="optional">{` (${t('intake:doc.optional')})`}</span>
                    )}
                    {item.note && <small className="help">{item.note[lang]}</small>}
                    {scans && item.required && (
                      <small
                        className={attached ? 'ok' : 'help'}
                        data-testid="doc-scan-state"
                        data-attached={attached}
                      >
                        {' '}
                        {attached ? `✓ ${t('intake:doc.scanAttached')}` : t('intake:doc.scanMissing')}
                      </small>
                    )}
                    {applicationId && (
                      <button
                        id={`scan-toggle-${item.key}`}
                        type="button"
                        className="link"
                        aria-expanded={scanning === item.key}
                        onClick={() => setScanning(scanning === item.key ? null : item.key)}
                      >
                        {t('scanning:panel.toggle')}
                      </button>
                    )}
                  </th>
                  <td>{box('original', needsOriginal(item))}</td>
                  <td>{box('copy', needsCopy(item))}</td>
                </tr>
                {applicationId && scanning === item.key && (
                  <tr>
                    <td colSpan={3}>
                      <ScanPanel
                        applicationId={applicationId}
                        documentKey={item.key}
                        documentName={item.name[lang]}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
