import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeystoreStatus } from '@shared/signing/schemas';
import { useWorkstation } from '../context';
import { operatorSchema, setOperator, useOperator } from '../signing/operator';
import { useErrorText } from '../use-error-text';

const statusKey = ['keystore.status'];

export function CertificateScreen() {
  const { t, i18n } = useTranslation();
  const { bridge, db } = useWorkstation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const operator = useOperator(db);
  const status = useQuery({ queryKey: statusKey, queryFn: () => bridge.call('keystore.status', {}), refetchInterval: 10_000 });
  const inbox = useQuery({ queryKey: ['files.pick', 'p12'], queryFn: () => bridge.call('files.pick', { extensions: ['p12', 'pfx'] }) });
  const [opIin, setOpIin] = useState('');
  const [opName, setOpName] = useState('');
  const [opError, setOpError] = useState<string | null>(null);
  const [file, setFile] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'kk' ? 'kk-KZ' : 'ru-RU');

  async function run(action: () => Promise<KeystoreStatus>) {
    setBusy(true);
    setError(null);
    try {
      queryClient.setQueryData(statusKey, await action());
      setPassword('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function signIn(event: FormEvent) {
    event.preventDefault();
    const parsed = operatorSchema.safeParse({ iin: opIin.replace(/\s/g, ''), name: opName });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setOpError(issue?.path[0] === 'iin' ? t(issue.message.includes(':') ? issue.message : 'identity:iin.length') : t('signing:ui.nameRequired'));
      return;
    }
    setOpError(null);
    // The host holds the session a signature needs; the local copy only remembers who is at the desk.
    await bridge.call('operator.signIn', parsed.data);
    await setOperator(db, parsed.data);
  }

  const s = status.data;
  const cert = s?.certificate;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="operator-title">
        <h1 id="operator-title">{t('signing:ui.operatorTitle')}</h1>
        {operator ? (
          <div className="row">
            <p data-testid="operator">
              {t('signing:ui.signedInAs', { name: operator.name, iin: operator.iin })}
            </p>
            <button type="button" onClick={() => void bridge.call('operator.signOut', {}).then(() => setOperator(db, null))}>
              {t('signing:ui.signOut')}
            </button>
          </div>
        ) : (
          <form className="inline-form" onSubmit={signIn}>
            <label className="field">
              <span>{t('signing:ui.operatorIin')}</span>
              <input value={opIin} inputMode="numeric" autoComplete="off" onChange={(e) => setOpIin(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('signing:ui.operatorName')}</span>
              <input value={opName} autoComplete="name" onChange={(e) => setOpName(e.target.value)} />
            </label>
            {opError && (
              <p className="error" role="alert">
                {opError}
              </p>
            )}
            <button type="submit" className="primary">
              {t('signing:ui.signIn')}
            </button>
          </form>
        )}
      </section>

      <section className="card" aria-labelledby="keystore-title">
        <h1 id="keystore-title">{t('signing:ui.keystoreTitle')}</h1>
        <p data-testid="keystore-state" data-state={s?.state ?? 'unknown'}>
          <span className={`badge badge-key-${s?.state ?? 'unknown'}`}>{t(`signing:ui.state.${s?.state ?? 'unknown'}`)}</span>
          {s?.state === 'unlocked' && s.lockAt && <span className="muted"> {t('signing:ui.locksAt', { time: date(s.lockAt) })}</span>}
        </p>
        {cert && (
          <dl className="details" data-testid="certificate">
            <dt>{t('signing:ui.owner')}</dt>
            <dd>{cert.ownerName}</dd>
            <dt>{t('signing:ui.iin')}</dt>
            <dd className="mono">{cert.iin ?? '—'}</dd>
            {cert.bin && (
              <>
                <dt>{t('signing:ui.bin')}</dt>
                <dd className="mono">{cert.bin}</dd>
              </>
            )}
            {cert.organisation && (
              <>
                <dt>{t('signing:ui.organisation')}</dt>
                <dd>{cert.organisation}</dd>
              </>
            )}
            <dt>{t('signing:ui.validity')}</dt>
            <dd>
              {date(cert.validFrom)} — {date(cert.validTo)}
            </dd>
            <dt>{t('signing:ui.issuer')}</dt>
            <dd>{cert.issuerCommonName ?? cert.issuer}</dd>
            <dt>{t('signing:ui.keyUsage')}</dt>
            <dd>
              {t(`signing:ui.purpose.${cert.purpose}`)} ({cert.keyUsage.join(', ')})
            </dd>
          </dl>
        )}
        {s?.crl ? (
          <p className={s.crl.fresh ? 'muted' : 'error'} data-testid="crl-status">
            {t(s.crl.fresh ? 'signing:ui.crlFresh' : 'signing:ui.crlStale', { hours: Math.round(s.crl.ageSeconds / 3600), max: Math.round(s.crl.maxAgeSeconds / 3600) })}
          </p>
        ) : (
          s && <p className="error">{t('signing:ui.crlNone')}</p>
        )}

        {s?.state === 'unlocked' ? (
          <button type="button" onClick={() => void run(() => bridge.call('keystore.lock', {}))} disabled={busy}>
            {t('signing:ui.lock')}
          </button>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (s?.state === 'locked' && !file) void run(() => bridge.call('keystore.unlock', { password }));
              else void run(() => bridge.call('keystore.import', { path: file, password }));
            }}
          >
            <label className="field">
              <span>{t('signing:ui.file')}</span>
              <select value={file} onChange={(e) => setFile(e.target.value)}>
                <option value="">{s?.state === 'locked' ? t('signing:ui.keepCurrent', { file: s.fileName ?? '' }) : t('signing:ui.chooseFile')}</option>
                {inbox.data?.files.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('signing:ui.password')}</span>
              <input type="password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} />
            </label>
            <button type="submit" className="primary" disabled={busy || !password || (s?.state !== 'locked' && !file)}>
              {s?.state === 'locked' && !file ? t('signing:ui.unlock') : t('signing:ui.import')}
            </button>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
