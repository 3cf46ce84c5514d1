import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@shared/forms/format';
import type { Language } from '@shared/i18n/resources';
import { useErrorText } from '../../use-error-text';
import { renderReceiptPdf, type ReceiptPdfInput } from './receipt-pdf';
import { termText } from './term-text';

interface Props {
  receipt: ReceiptPdfInput;
  onNew: () => void;
  onQueue?: () => void;
  /** Shown again from the queue: the first button closes the receipt instead of starting a new application. */
  reprint?: boolean;
}


/** The receipt on screen (the same data the PDF prints) and the PDF itself in a frame, ready to print. */
export function ReceiptView({ receipt, onNew, onQueue, reprint = false }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const errorText = useErrorText();
  // Tagged with what it was rendered from, so a stale PDF is never shown for new data or another language.
  const [pdf, setPdf] = useState<{ for: ReceiptPdfInput; lang: Language; url?: string; error?: string } | null>(null);
  const fresh = pdf && pdf.for === receipt && pdf.lang === lang ? pdf : null;
  const pdfUrl = fresh?.url ?? null;
  const pdfError = fresh?.error ?? null;
  const frame = useRef<HTMLIFrameElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const d = receipt.data;
  const accepted = receipt.kind === 'acceptance';

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    renderReceiptPdf(receipt, lang).then(
      (bytes) => {
        if (cancelled) return;
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
        setPdf({ for: receipt, lang, url });
      },
      (error: unknown) => {
        if (!cancelled) setPdf({ for: receipt, lang, error: errorText(error) });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // errorText is a fresh closure each render; the PDF depends on the data and the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [receipt, lang]);

  const docs = d.documents ?? [];
  const fileName = `${accepted ? 'receipt' : 'refusal-receipt'}-${d.applicationNumber}.pdf`;
  return (
    <section className="card receipt" aria-labelledby="receipt-title" data-testid="receipt" data-kind={receipt.kind}>
      <h1 id="receipt-title" ref={heading} tabIndex={-1} className={accepted ? 'ok' : 'refused'}>
        {t(accepted ? 'intake:receipt.acceptedTitle' : 'intake:receipt.refusedTitle')}
      </h1>
      <dl className="receipt-facts">
        <dt>{t('intake:receipt.number')}</dt>
        <dd data-testid="receipt-number">{d.applicationNumber}</dd>
        <dt>{t('intake:receipt.at')}</dt>
        <dd data-testid="receipt-at" data-value={d.acceptedAt}>
          {formatDateTime(d.acceptedAt)}
        </dd>
        <dt>{t('intake:receipt.service')}</dt>
        <dd>{d.service}</dd>
        {d.subOperation && (
          <>
            <dt>{t('intake:subOperation')}</dt>
            <dd>{d.subOperation}</dd>
          </>
        )}
        <dt>{t('intake:receipt.applicant')}</dt>
        <dd>
          {d.applicant.type === 'legal'
            ? `${d.applicant.name}, ${t('intake:receipt.bin', { bin: d.applicant.bin })}`
            : `${[d.applicant.surname, d.applicant.name, d.applicant.patronymic].filter(Boolean).join(' ')}, ${t('intake:receipt.iin', { iin: d.applicant.iin })}`}
        </dd>
        <dt>{t('intake:receipt.operator')}</dt>
        <dd>{d.operator}</dd>
        {receipt.kind === 'acceptance' && (
          <>
            <dt>{t('intake:receipt.term')}</dt>
            <dd data-testid="receipt-term">{termText(t, receipt.data.due)}</dd>
            <dt>{t(receipt.data.due.counts === 'receipt-term' ? 'intake:receipt.receiptDue' : 'intake:receipt.due')}</dt>
            {'date' in receipt.data.due ? (
              <dd data-testid="receipt-due" data-value={receipt.data.due.date}>
                <strong>{formatDate(receipt.data.due.date)}</strong>
              </dd>
            ) : (
              // No date the desk may promise: no term in the regulation, or one counted from the licensor's registration.
              <dd data-testid="receipt-due" data-value="">
                {t(receipt.data.due.counts === 'from-registration' ? 'intake:receipt.noDueDate' : 'intake:receipt.noTerm')}
              </dd>
            )}
            {receipt.data.remarks?.length ? (
              <>
                <dt>{t('forms:receipt.remarks')}</dt>
                <dd data-testid="receipt-remarks">
                  <ul>
                    {receipt.data.remarks.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </>
        )}
        {receipt.kind === 'refusal' && (
          <>
            <dt>{t('intake:receipt.reason')}</dt>
            <dd data-testid="receipt-reason">{receipt.data.refusalWording}</dd>
          </>
        )}
      </dl>
      {receipt.kind === 'refusal' && (
        <>
          <h2>{t('intake:receipt.missing')}</h2>
          <ol data-testid="receipt-missing">
            {receipt.data.missingDocuments.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        </>
      )}
      {docs.length > 0 && (
        <>
          <h2>{t(accepted ? 'intake:receipt.documentsAccepted' : 'intake:receipt.documentsPresented')}</h2>
          <table className="checklist" data-testid="receipt-documents">
            <thead>
              <tr>
                <th scope="col">{t('intake:doc.name')}</th>
                <th scope="col">{t('intake:doc.original')}</th>
                <th scope="col">{t('intake:doc.copy')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((doc) => (
                <tr key={doc.name}>
                  <th scope="row">{doc.name}</th>
                  <td>{doc.original ? t('intake:yes') : '—'}</td>
                  <td>{doc.copy ? t('intake:yes') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onNew}>
          {reprint ? t('outbox:receipt.close') : t('intake:nextApplication')}
        </button>
        <button type="button" disabled={!pdfUrl} onClick={() => frame.current?.contentWindow?.print()}>
          {t('intake:receipt.print')}
        </button>
        {pdfUrl && (
          <a className="button" href={pdfUrl} download={fileName}>
            {t('intake:receipt.download')}
          </a>
        )}
        {onQueue && (
          <button type="button" onClick={onQueue}>
            {t('intake:receipt.toQueue')}
          </button>
        )}
      </div>
      {pdfError && (
        <p className="error" role="alert">
          {pdfError}
        </p>
      )}
      {pdfUrl ? (
        <iframe ref={frame} className="receipt-pdf" src={pdfUrl} title={t('intake:receipt.pdfTitle')} data-testid="receipt-pdf" />
      ) : (
        !pdfError && <p className="help">{t('intake:receipt.rendering')}</p>
      )}
    </section>
  );
}
