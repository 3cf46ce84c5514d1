import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageEncoding, PageInfo, SaneDevice, ScanMode, ScanSource } from '@shared/scanning/bridge';
import { defaultEncodingFor } from '@shared/scanning/encoding';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';
import { base64ToBytes, bytesToBase64, formatKb } from './bytes';
import { addPages, mergeWithNext, movePage, removeGroup, removePage, rotatePage, shiftPage, splitBefore, type Tray } from './tray';
import { useScanJob } from './use-scan-job';
import './scan.css';
import { i18nKey } from '@shared/i18n/keys';
import { openAttachmentMeta } from '../privacy/records';

interface Props {
  applicationId: string;
  documentKey: string;
  documentName: string;
}

const dragType = 'application/x-qabyldau-page';

/**
 * Paper → attachments for one checklist document: pages come from files, the inbox, the hot folder, a SANE
 * scanner or an eSCL network scanner; the operator orders, turns, splits and merges them; each group is attached
 * as one PDF. Everything is reachable with the keyboard (arrows move focus, Alt+arrows move the page, R turns,
 * Delete removes).
 */
export function ScanPanel({ applicationId, documentKey, documentName }: Props) {
  const { t } = useTranslation();
  const { bridge, db, outbox } = useWorkstation();
  const errorText = useErrorText();
  const [tray, setTray] = useState<Tray>([]);
  const [encoding, setEncoding] = useState<PageEncoding>(() => defaultEncodingFor(documentKey));
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [devices, setDevices] = useState<SaneDevice[] | null>(null);
  const [device, setDevice] = useState('');
  const [esclUrl, setEsclUrl] = useState('');
  const [resolution, setResolution] = useState(300);
  const [mode, setMode] = useState<ScanMode>('gray');
  const [source, setSource] = useState<ScanSource>('flatbed');
  const [inbox, setInbox] = useState<{ name: string; size: number }[] | null>(null);
  const [watchHot, setWatchHot] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);

  const addToTray = (pages: PageInfo[]) => setTray((t0) => addPages(t0, pages));
  const scan = useScanJob(bridge, addToTray);
  const fail = (error: unknown) => setMessages((m) => [...m, errorText(error)]);

  // names only: the (sealed) bytes are not decrypted to draw the list
  const attachments =
    useLiveQuery(
      () => db.attachments.where('applicationId').equals(applicationId).toArray().then((rows) => Promise.all(rows.map((r) => openAttachmentMeta(db.vault, r)))),
      [db, applicationId],
    ) ?? [];
  const mine = attachments.filter((a) => a.documentKey === documentKey);
  const total = attachments.reduce((sum, a) => sum + a.size, 0);

  useEffect(() => {
    if (scan.job?.error) setMessages((m) => [...m, errorText(scan.job!.error)]);
    // errorText is a fresh closure each render; the job's error is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scan.job?.error]);

  useEffect(() => {
    if (!watchHot) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await bridge.call('scan.hotFolder.poll', {});
        if (!stop && r.pages.length) setTray((t0) => addPages(t0, r.pages));
        if (!stop && r.rejected.length) setMessages((m) => [...m, ...r.rejected.map((x) => `${x.fileName}: ${errorText(x.error)}`)]);
      } catch {
        // The next poll tries again.
      }
      if (!stop) timer = setTimeout(tick, 1000);
    };
    timer = setTimeout(tick, 0);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watchHot, bridge]);

  useEffect(() => {
    if (focusId) document.getElementById(`scan-page-${focusId}`)?.focus();
  }, [focusId, tray]);

  async function run(task: () => Promise<void>) {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function importFiles(files: FileList | File[]) {
    await run(async () => {
      const settings = await bridge.call('scan.settings', {});
      for (const file of Array.from(files)) {
        try {
          if (file.size > settings.maxFileBytes)
            throw { code: 'scanning:file.tooLarge', params: { name: file.name, maxMb: Math.floor(settings.maxFileBytes / 1024 / 1024) } };
          const bytesBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
          addToTray((await bridge.call('scan.importFile', { fileName: file.name, bytesBase64 })).pages);
        } catch (error) {
          setMessages((m) => [...m, `${file.name}: ${errorText(error)}`]);
        }
      }
    });
  }

  async function attach(groupIndex: number) {
    const group = tray[groupIndex];
    if (!group) return;
    await run(async () => {
      const built = await bridge.call('scan.document.build', { pages: group.pages.map((p) => ({ id: p.page.id, rotation: p.rotation })), encoding });
      const blob = new Blob([base64ToBytes(built.pdfBase64)], { type: 'application/pdf' });
      await outbox.addAttachment({ applicationId, documentKey, fileName: `${documentKey}-${mine.length + 1}.pdf`, mediaType: 'application/pdf', blob });
      setTray((t0) => removeGroup(t0, group.id));
    });
  }

  function onPageKey(e: KeyboardEvent, pageId: string, flat: string[]) {
    const i = flat.indexOf(pageId);
    const step = e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : 0;
    if (step && (e.altKey || e.ctrlKey)) setTray((t0) => shiftPage(t0, pageId, step));
    else if (step) setFocusId(flat[Math.max(0, Math.min(flat.length - 1, i + step))] ?? null);
    else if (e.key === 'r' || e.key === 'R' || e.key === 'к' || e.key === 'К') setTray((t0) => rotatePage(t0, pageId, e.shiftKey ? -1 : 1));
    else if (e.key === 'Delete' || e.key === 'Backspace') {
      setFocusId(flat[i + 1] ?? flat[i - 1] ?? null);
      setTray((t0) => removePage(t0, pageId));
    } else return;
    e.preventDefault();
    if (step && (e.altKey || e.ctrlKey)) setFocusId(pageId);
  }

  function onDrop(e: DragEvent, group: number, index: number) {
    e.preventDefault();
    e.stopPropagation();
    const pageId = e.dataTransfer.getData(dragType);
    if (pageId) setTray((t0) => movePage(t0, pageId, group, index));
    else if (e.dataTransfer.files.length) void importFiles(e.dataTransfer.files);
  }

  const flat = tray.flatMap((g) => g.pages.map((p) => p.page.id));
  const jobRunning = scan.job?.state === 'running';

  return (
    <section
      className="scan-panel"
      aria-label={t('scanning:panel.title', { name: documentName })}
      data-testid="scan-panel"
      data-document={documentKey}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => onDrop(e, Math.max(0, tray.length - 1), Infinity)}
    >
      <h3>{t('scanning:panel.title', { name: documentName })}</h3>

      <div className="scan-sources">
        <label className="scan-file">
          <span>{t('scanning:panel.addFiles')}</span>
          <input type="file" multiple accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/*,application/pdf" disabled={busy} onChange={(e) => e.target.files && void importFiles(e.target.files)} />
        </label>
        <button type="button" disabled={busy} onClick={() => void run(async () => setInbox((await bridge.call('files.pick', { extensions: ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'pdf'] })).files))}>
          {t('scanning:panel.fromInbox')}
        </button>
        <label className="scan-check">
          <input type="checkbox" checked={watchHot} onChange={(e) => setWatchHot(e.target.checked)} />
          <span>{t('scanning:panel.hotFolder')}</span>
        </label>
        <p className="scan-hint">{t('scanning:panel.dropHint')}</p>
      </div>

      {inbox && (
        <ul className="scan-inbox" aria-label={t('scanning:panel.inboxFiles')}>
          {inbox.length === 0 && <li>{t('scanning:panel.inboxEmpty')}</li>}
          {inbox.map((f) => (
            <li key={f.name}>
              <button type="button" className="link" disabled={busy} onClick={() => void run(async () => addToTray((await bridge.call('scan.importInbox', { fileName: f.name })).pages))}>
                {t('scanning:panel.importFile', { name: f.name, kb: formatKb(f.size) })}
              </button>
            </li>
          ))}
        </ul>
      )}

      <fieldset className="scan-device">
        <legend>{t('scanning:panel.scanner')}</legend>
        <div className="scan-row">
          <button type="button" disabled={busy || jobRunning} onClick={() => void run(async () => {
            const list = (await bridge.call('scan.sane.devices', {})).devices;
            setDevices(list);
            setDevice((d) => d || list[0]?.id || '');
          })}>
            {t('scanning:panel.findScanners')}
          </button>
          {devices && (
            <label>
              <span>{t('scanning:panel.device')}</span>
              <select value={device} onChange={(e) => setDevice(e.target.value)}>
                {devices.length === 0 && <option value="">{t('scanning:panel.noDevices')}</option>}
                {devices.map((d) => (
                  <option key={d.id} value={d.id}>{`${d.vendor} ${d.model} (${d.id})`}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            <span>{t('scanning:panel.esclAddress')}</span>
            <input type="url" value={esclUrl} placeholder={t('scanning:panel.esclPlaceholder')} onChange={(e) => setEsclUrl(e.target.value)} />
          </label>
        </div>
        <div className="scan-row">
          <label>
            <span>{t('scanning:panel.resolution')}</span>
            <select value={resolution} onChange={(e) => setResolution(Number(e.target.value))}>
              {[150, 200, 300, 600].map((r) => (
                <option key={r} value={r}>{t('scanning:panel.dpi', { dpi: r })}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('scanning:panel.mode')}</span>
            <select value={mode} onChange={(e) => setMode(e.target.value as ScanMode)}>
              {(['gray', 'color', 'lineart'] as const).map((m) => (
                <option key={m} value={m}>{t(i18nKey(`scanning:panel.modes.${m}`))}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('scanning:panel.source')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value as ScanSource)}>
              {(['flatbed', 'adf'] as const).map((s) => (
                <option key={s} value={s}>{t(i18nKey(`scanning:panel.sources.${s}`))}</option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={busy || jobRunning || !device} onClick={() => void run(async () => scan.start(await bridge.call('scan.sane.start', { device, request: { resolution, mode, source } })))}>
            {t('scanning:panel.scanSane')}
          </button>
          <button type="button" disabled={busy || jobRunning || !esclUrl} onClick={() => void run(async () => scan.start(await bridge.call('scan.escl.start', { url: esclUrl.trim(), request: { resolution, mode, source } })))}>
            {t('scanning:panel.scanEscl')}
          </button>
        </div>
        {scan.job && (
          <p className="scan-status" role="status" data-testid="scan-status" data-state={scan.job.state}>
            {t(i18nKey(`scanning:panel.job.${scan.job.state}`), { pages: scan.job.pages.length, progress: Math.round(scan.job.progress ?? 0) })}
            {jobRunning && (
              <>
                <progress max={100} value={scan.job.progress ?? undefined} aria-label={t('scanning:panel.progress')} />
                <button type="button" onClick={() => void scan.cancel().catch(fail)}>{t('scanning:panel.cancel')}</button>
              </>
            )}
          </p>
        )}
      </fieldset>

      {messages.length > 0 && (
        <div className="scan-messages" role="alert" data-testid="scan-messages">
          <ul>
            {messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => setMessages([])}>{t('scanning:panel.dismiss')}</button>
        </div>
      )}

      {tray.length > 0 && (
        <div className="scan-tray">
          <div className="scan-row">
            <label>
              <span>{t('scanning:panel.encoding')}</span>
              <select value={encoding} onChange={(e) => setEncoding(e.target.value as PageEncoding)}>
                <option value="text">{t('scanning:panel.encodings.text')}</option>
                <option value="photo">{t('scanning:panel.encodings.photo')}</option>
              </select>
            </label>
            <p className="scan-hint" id="scan-keys-help">{t('scanning:panel.keysHelp')}</p>
          </div>
          {tray.map((group, gi) => (
            <div key={group.id} className="scan-group" data-testid="scan-group" role="group" aria-label={t('scanning:panel.group', { n: gi + 1, pages: group.pages.length })}>
              <div className="scan-group-head">
                <strong>{t('scanning:panel.group', { n: gi + 1, pages: group.pages.length })}</strong>
                <button type="button" className="primary" disabled={busy} onClick={() => void attach(gi)}>{t('scanning:panel.attach')}</button>
                {gi < tray.length - 1 && <button type="button" onClick={() => setTray((t0) => mergeWithNext(t0, gi))}>{t('scanning:panel.mergeNext')}</button>}
                <button type="button" onClick={() => setTray((t0) => removeGroup(t0, group.id))}>{t('scanning:panel.discardGroup')}</button>
              </div>
              <ol className="scan-pages" onDragOver={(e) => e.preventDefault()} onDrop={(e) => onDrop(e, gi, group.pages.length)}>
                {group.pages.map((p, pi) => {
                  const n = flat.indexOf(p.page.id) + 1;
                  return (
                    <li
                      key={p.page.id}
                      id={`scan-page-${p.page.id}`}
                      className="scan-page"
                      data-testid="scan-page"
                      tabIndex={focusId === p.page.id || (!focusId && n === 1) ? 0 : -1}
                      draggable
                      aria-describedby="scan-keys-help"
                      aria-label={t('scanning:panel.page', { n, total: flat.length, origin: p.page.origin, rotation: p.rotation })}
                      onFocus={() => setFocusId(p.page.id)}
                      onKeyDown={(e) => onPageKey(e, p.page.id, flat)}
                      onDragStart={(e) => e.dataTransfer.setData(dragType, p.page.id)}
                      onDrop={(e) => onDrop(e, gi, pi)}
                    >
                      <div className="scan-thumb" style={{ transform: `rotate(${p.rotation}deg)` }}>
                        {p.page.thumbnail ? <img src={p.page.thumbnail} alt="" draggable={false} /> : <span className="scan-nothumb">{t('scanning:panel.pdfPage')}</span>}
                      </div>
                      <span className="scan-page-no">{n}</span>
                      <div className="scan-page-tools">
                        <button type="button" tabIndex={-1} title={t('scanning:panel.moveEarlier')} aria-label={t('scanning:panel.moveEarlier')} onClick={() => setTray((t0) => shiftPage(t0, p.page.id, -1))}>◀</button>
                        <button type="button" tabIndex={-1} title={t('scanning:panel.rotate')} aria-label={t('scanning:panel.rotate')} onClick={() => setTray((t0) => rotatePage(t0, p.page.id, 1))}>↻</button>
                        <button type="button" tabIndex={-1} title={t('scanning:panel.splitHere')} aria-label={t('scanning:panel.splitHere')} disabled={pi === 0} onClick={() => setTray((t0) => splitBefore(t0, p.page.id))}>✂</button>
                        <button type="button" tabIndex={-1} title={t('scanning:panel.delete')} aria-label={t('scanning:panel.delete')} onClick={() => setTray((t0) => removePage(t0, p.page.id))}>✕</button>
                        <button type="button" tabIndex={-1} title={t('scanning:panel.moveLater')} aria-label={t('scanning:panel.moveLater')} onClick={() => setTray((t0) => shiftPage(t0, p.page.id, 1))}>▶</button>
                      </div>
                      {tray.length > 1 && (
                        <select
                          className="scan-assign"
                          aria-label={t('scanning:panel.assign')}
                          value={gi}
                          onChange={(e) => setTray((t0) => movePage(t0, p.page.id, Number(e.target.value), Infinity))}
                        >
                          {tray.map((g, i) => (
                            <option key={g.id} value={i}>{t('scanning:panel.groupShort', { n: i + 1 })}</option>
                          ))}
                        </select>
                      )}
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
        </div>
      )}

      <div className="scan-attached">
        <h4>{t('scanning:panel.attached')}</h4>
        {mine.length === 0 ? (
          <p className="scan-hint">{t('scanning:panel.nothingAttached')}</p>
        ) : (
          <ul data-testid="scan-attached">
            {mine.map((a) => (
              <li key={a.id} data-testid="scan-attachment" data-size={a.size}>
                <span>{t('scanning:panel.attachment', { name: a.fileName, kb: formatKb(a.size) })}</span>
                <button type="button" className="link danger" onClick={() => void outbox.removeAttachment(a.id).catch(fail)}>{t('scanning:panel.remove')}</button>
              </li>
            ))}
          </ul>
        )}
        <p className="scan-total" data-testid="scan-total">{t('scanning:panel.total', { kb: formatKb(total), count: attachments.length })}</p>
      </div>
    </section>
  );
}
