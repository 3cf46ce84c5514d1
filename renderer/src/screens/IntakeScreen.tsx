import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogue } from '@shared/catalogue';
import { identifyApplicantId, normalizeIdInput } from '@shared/identity';
import type { Language } from '@shared/i18n/resources';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';

export function IntakeScreen({ onQueued }: { onQueued: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { outbox, sync, centreId } = useWorkstation();
  const errorText = useErrorText();
  const [serviceId, setServiceId] = useState('');
  const [subOperation, setSubOperation] = useState('');
  const [applicantId, setApplicantId] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const service = useMemo(() => catalogue.find((s) => s.id === serviceId), [serviceId]);
  const normalized = normalizeIdInput(applicantId);
  const identity = identifyApplicantId(normalized);
  const idError = identity.result.ok ? null : identity.result.reason;
  const kind = identity.kind === 'bin' ? 'legal-entity' : 'individual';
  const kindAllowed = !service || service.applicantKinds.includes(kind);
  const canSave = !!service && !!subOperation && !idError && kindAllowed && !saving;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!canSave || !service) return;
    setSaving(true);
    setSaveError(null);
    try {
      await outbox.queue({
        serviceId: service.id,
        subOperation,
        applicant: { kind, id: normalized },
        form: {},
        documentsPresented: [],
        centreId,
      });
      sync.kick();
      onQueued();
    } catch (error) {
      setSaveError(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card intake" onSubmit={submit} aria-labelledby="intake-title" noValidate>
      <h1 id="intake-title">{t('intake:title')}</h1>
      <label className="field">
        <span>{t('intake:service')}</span>
        <select
          value={serviceId}
          autoFocus
          onChange={(e) => {
            setServiceId(e.target.value);
            const next = catalogue.find((s) => s.id === e.target.value);
            setSubOperation(next?.subOperations[0]?.id ?? '');
          }}
        >
          <option value="">{t('intake:chooseService')}</option>
          {catalogue.map((s) => (
            <option key={s.id} value={s.id}>
              {s.names[lang]}
            </option>
          ))}
        </select>
      </label>
      {service && (
        <label className="field">
          <span>{t('intake:subOperation')}</span>
          <select value={subOperation} onChange={(e) => setSubOperation(e.target.value)}>
            {service.subOperations.map((op) => (
              <option key={op.id} value={op.id}>
                {op.name[lang]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('intake:applicantId')}</span>
        <input
          inputMode="numeric"
          autoComplete="off"
          value={applicantId}
          aria-invalid={touched && !!idError}
          aria-describedby="applicant-id-help"
          onChange={(e) => setApplicantId(e.target.value)}
          onBlur={() => setTouched(true)}
        />
        <small id="applicant-id-help" className={touched && (idError || !kindAllowed) ? 'error' : 'help'} role={touched && idError ? 'alert' : undefined}>
          {touched && idError
            ? t(idError)
            : touched && !kindAllowed
              ? t('intake:kindNotAllowed')
              : identity.result.ok
                ? t(identity.kind === 'bin' ? 'intake:recognisedBin' : 'intake:recognisedIin')
                : t('intake:applicantIdHelp')}
        </small>
      </label>
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('intake:queue')}
        </button>
      </div>
    </form>
  );
}
