import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogue } from '@shared/catalogue';
import { resultKinds } from '@shared/catalogue/schema';
import type { HandoverRequest } from '@shared/decisions/schema';
import type { Language } from '@shared/i18n/resources';
import { useWorkstation } from '../../context';
import { loadFormFonts } from '../../decisions/fonts';
import { recordHandover } from '../../decisions/handover';
import { decisionPdf, mergePdfs, printBlock } from '../../decisions/pdf';
import { printPdf } from '../../decisions/print-job';
import { recordPrint } from '../../decisions/print-log';
import type { LocalDecision } from '../../decisions/schema';
import { openDecisions } from '../../privacy/records';
import { useErrorText } from '../../use-error-text';
import { applyFilters, emptyFilters, type PrintFilters } from './filters';
import { HandoverDialog } from './HandoverDialog';
import { PrintLog } from './PrintLog';
import { ReprintDialog } from './ReprintDialog';
import { useLicensorTrust } from './use-trust';
import './print.css';

/** The supervisors' print centre: everything here reads the local cache, so it works with the link down. */
export function PrintScreen() {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language as Language;
  const { db, bridge, sync } = useWorkstation();
  const errorText = useErrorText();
  const trust = useLicensorTrust(bridge);
  const all = useLiveQuery(() => db.decisions.orderBy('decidedAt').reverse().toArray().then((rows) => openDecisions(db.vault, rows)), [db]);
  const [filters, setFilters] = useState<PrintFilters>(emptyFilters);
  const [formLang, setFormLang] = useState<Language>(uiLang);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<{ id: string; number: string; url: string } | null>(null);
  const [reprint, setReprint] = useState<LocalDecision[] | null>(null);
  const [handover, setHandover] = useState<LocalDecision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const locale = uiLang === 'kk' ? 'kk-KZ' : 'ru-RU';

  const shown = useMemo(() => applyFilters(all ?? [], filters), [all, filters]);
  const serviceName = (id: string) => catalogue.find((s) => s.id === id)?.names[uiLang] ?? id;
  const resultName = (r: string) => (resultKinds as readonly string[]).includes(r) ? t(`print:result.${r}`) : r;
  const printable = shown.filter((d) => selected.has(d.id) && printBlock(d) === null);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  async function render(list: LocalDecision[]): Promise<Uint8Array> {
    const fonts = await loadFormFonts();
    return mergePdfs(await Promise.all(list.map((d) => decisionPdf(d, formLang, fonts, trust ?? []))));
  }

  async function run(task: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try {
      await task();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const showPreview = (d: LocalDecision) =>
    run(async () => {
      const pdf = await render([d]);
      setPreview({ id: d.id, number: d.number, url: URL.createObjectURL(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })) });
    });

  const print = (list: LocalDecision[], reason: string | null) =>
    run(async () => {
      if (!reason && list.some((d) => d.printCount > 0)) {
        setReprint(list);
        return;
      }
      const pdf = await render(list);
      const via = await printPdf(bridge, pdf, frame.current!, { title: list.map((d) => d.number).join(', ') });
      await recordPrint(db, { decisions: list, lang: formLang, via, reason, batchId: list.length > 1 ? crypto.randomUUID() : null });
      setSelected(new Set());
    });

  const handOver = (d: LocalDecision, request: HandoverRequest) =>
    run(async () => {
      await recordHandover(db, d.id, request);
      setHandover(null);
      sync.kick();
    });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const setFilter = (patch: Partial<PrintFilters>) => setFilters({ ...filters, ...patch });

  return (
    <div className="print-screen">
      <section className="card" aria-labelledby="print-title">
        <h1 id="print-title">{t('print:title')}</h1>
        <p className="help small">{t('print:subtitle')} · {t('print:offlineNote')}</p>
        <div className="print-filters">
          <label>
            {t('print:filters.from')}
            <input type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
          </label>
          <label>
            {t('print:filters.to')}
            <input type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
          </label>
          <label>
            {t('print:filters.service')}
            <select value={filters.serviceId} onChange={(e) => setFilter({ serviceId: e.target.value })}>
              <option value="">{t('print:filters.all')}</option>
              {catalogue.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.names[uiLang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('print:filters.result')}
            <select value={filters.result} onChange={(e) => setFilter({ result: e.target.value })}>
              <option value="">{t('print:filters.all')}</option>
              {resultKinds.map((r) => (
                <option key={r} value={r}>
                  {resultName(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('print:filters.printed')}
            <select value={filters.printed} onChange={(e) => setFilter({ printed: e.target.value as PrintFilters['printed'] })}>
              <option value="all">{t('print:filters.all')}</option>
              <option value="yes">{t('print:filters.printedYes')}</option>
              <option value="no">{t('print:filters.printedNo')}</option>
            </select>
          </label>
          <label>
            {t('print:filters.language')}
            <select value={formLang} onChange={(e) => setFormLang(e.target.value as Language)}>
              <option value="kk">Қазақша</option>
              <option value="ru">Русский</option>
            </select>
          </label>
        </div>
        <div className="print-toolbar">
          <button type="button" className="primary" disabled={busy || printable.length === 0} onClick={() => void print(printable, null)}>
            {t('print:actions.printSelected', { count: printable.length })}
          </button>
        </div>
        {error && (
          <p className="print-error" role="alert">
            {error}
          </p>
        )}
        {all && all.length === 0 && <p className="empty">{t('print:empty')}</p>}
        {all && all.length > 0 && shown.length === 0 && <p className="empty">{t('print:noMatches')}</p>}
        {shown.length > 0 && (
          <table className="decisions" data-testid="decisions-table">
            <thead>
              <tr>
                <th aria-label={t('print:columns.select')} />
                <th>{t('print:columns.number')}</th>
                <th>{t('print:columns.decidedAt')}</th>
                <th>{t('print:columns.service')}</th>
                <th>{t('print:columns.result')}</th>
                <th>{t('print:columns.applicant')}</th>
                <th>{t('print:columns.signature')}</th>
                <th>{t('print:columns.printed')}</th>
                <th>{t('print:columns.handover')}</th>
                <th>{t('print:columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => {
                const block = printBlock(d);
                return (
                  <tr key={d.id} data-testid="decision-row" data-decision-id={d.id} data-number={d.number} data-printable={block === null} className={block === 'unverified' ? 'blocked' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={t('print:columns.select')} disabled={block !== null} checked={selected.has(d.id)} onChange={() => toggle(d.id)} />
                    </td>
                    <td className="mono">{d.number}</td>
                    <td>{new Date(d.decidedAt).toLocaleDateString(locale)}</td>
                    <td className="service-cell">{serviceName(d.serviceId)}</td>
                    <td>{resultName(d.result)}</td>
                    <td className="mono">{d.document?.application.applicant.id ?? '—'}</td>
                    <td data-testid="signature">
                      {d.verification.ok ? (
                        <span className="badge badge-verified" title={t('print:verify.signedBy', { subject: d.verification.subject })}>
                          {t('print:verify.ok')}
                        </span>
                      ) : (
                        <>
                          <span className="badge badge-unverified">{t('print:verify.failed')}</span>
                          <div className="small error" data-testid="verify-reason">
                            {t('print:verify.blocked', { reason: t(`print:verify.reason.${d.verification.reason}`) })}
                          </div>
                        </>
                      )}
                    </td>
                    <td>{d.printCount > 0 ? t('print:printedCount', { count: d.printCount }) : t('print:notPrinted')}</td>
                    <td data-testid="handover">
                      {d.handedOverAt ? new Date(d.handedOverAt).toLocaleString(locale) : '—'}
                      {d.handoverSynced === 0 && <div className="small muted">{t('print:handover.pendingSync')}</div>}
                    </td>
                    <td>
                      {block === 'no-form' && <div className="small muted">{t('print:noForm')}</div>}
                      <div className="actions">
                        {block === null && (
                          <>
                            <button type="button" disabled={busy} onClick={() => void showPreview(d)}>
                              {t('print:actions.preview')}
                            </button>
                            <button type="button" disabled={busy} onClick={() => (d.printCount > 0 ? setReprint([d]) : void print([d], null))}>
                              {d.printCount > 0 ? t('print:actions.reprint') : t('print:actions.print')}
                            </button>
                          </>
                        )}
                        {block !== 'unverified' && !d.handedOverAt && (
                          <button type="button" disabled={busy} onClick={() => setHandover(d)}>
                            {t('print:actions.handover')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {preview && (
        <section className="card print-preview" aria-labelledby="preview-title">
          <header>
            <h2 id="preview-title">{t('print:preview.title', { number: preview.number })}</h2>
            <div className="actions">
              <a href={preview.url} download={`${preview.number}.pdf`} data-testid="download-pdf">
                {t('print:actions.download')}
              </a>{' '}
              <button type="button" onClick={() => setPreview(null)}>
                {t('print:actions.close')}
              </button>
            </div>
          </header>
          <iframe title={t('print:preview.title', { number: preview.number })} src={preview.url} data-testid="pdf-preview" />
        </section>
      )}
      <PrintLog />
      <iframe ref={frame} className="print-frame" title="print" aria-hidden="true" tabIndex={-1} />
      {reprint && (
        <ReprintDialog
          numbers={reprint.map((d) => d.number).join(', ')}
          onCancel={() => setReprint(null)}
          onConfirm={(reason) => {
            const list = reprint;
            setReprint(null);
            void print(list, reason);
          }}
        />
      )}
      {handover && <HandoverDialog number={handover.number} onCancel={() => setHandover(null)} onConfirm={(r) => void handOver(handover, r)} />}
    </div>
  );
}
