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
}

/** The document checklist with the operator's two marks; only the marks an item calls for are offered. */
export function Checklist({ op, marks, onMark, applicationId }: Props) {
  const { t, i18n } = useTranslation();
  const [scanning, setScanning] = useState<string | null>(null);
  const lang = i18n.language as Language;
  return (
    <fieldset className="intake-section">
      <legend>{t('intake:section.documents')}</legend>
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
            const ok = isSatisfied(item, mark);
            const box = (which: 'original' | 'copy', needed: boolean) =>
              needed ? (
                <input
                  id={`intake-doc-${item.key}-${which}`}
                  type="checkbox"
                  checked={!!mark?.[which]}
                  aria-label={t(which === 'original' ? 'intake:doc.originalOf' : 'intake:doc.copyOf', { name: item.name[lang] })}
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
                  {applicationId && (
                    <button id={`scan-toggle-${item.key}`} type="button" className="link" aria-expanded={scanning === item.key} onClick={() => setScanning(scanning === item.key ? null : item.key)}>
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
                    <ScanPanel applicationId={applicationId} documentKey={item.key} documentName={item.name[lang]} />
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
