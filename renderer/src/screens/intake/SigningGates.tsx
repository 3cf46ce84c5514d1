import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { i18nKey } from '@shared/i18n/keys';
import {
  manifestOverrideSchema,
  overrideReasons,
  type ManifestOverride,
  type OverrideCheck,
} from '@shared/manifest/overrides';
import type { Gate } from './gates';

/**
 * The checks the law ties to acceptance, shown with the complete verdict: passed, deferred (offline register),
 * or failed — a failed one blocks signing until the operator records an override with a reason and a note.
 */
export function SigningGates({
  gates,
  onRecord,
  onWithdraw,
  headingRef,
}: {
  gates: Gate[];
  onRecord: (o: ManifestOverride) => void;
  onWithdraw: (check: OverrideCheck) => void;
  /** Focused when a check still blocks signing (the queue button is disabled then). */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  if (!gates.length) return null;
  return (
    <section className="signing-gates" aria-labelledby="gates-title" data-testid="signing-gates">
      <h3 id="gates-title" ref={headingRef} tabIndex={-1}>
        {t('intake:gates.title')}
      </h3>
      <ul>
        {gates.map((g) => (
          <li
            key={g.check}
            data-testid={`gate-${g.check}`}
            data-status={g.status}
            className={g.status === 'blocked' ? 'error' : g.status === 'passed' ? 'ok' : 'warn'}
          >
            <p role={g.status === 'blocked' ? 'alert' : undefined}>
              {t(i18nKey(`intake:gates.${g.check}.${g.status}`))}
            </p>
            {g.status === 'overridden' && g.override && (
              <p className="small">
                {t(i18nKey(`intake:overrideReason.${g.override.reason}`))} — {g.override.note}{' '}
                <button type="button" className="link" onClick={() => onWithdraw(g.check)}>
                  {t('intake:gates.withdraw')}
                </button>
              </p>
            )}
            {g.status === 'blocked' && <OverrideForm check={g.check} onRecord={onRecord} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OverrideForm({
  check,
  onRecord,
}: {
  check: OverrideCheck;
  onRecord: (o: ManifestOverride) => void;
}) {
  const { t } = useTranslation();
  const reasons = overrideReasons[check];
  const [reason, setReason] = useState<string>(reasons[0]);
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const parsed = manifestOverrideSchema.safeParse({ check, reason, note });
  const id = `override-${check}`;
  return (
    <div className="override-form" data-testid={`override-${check}`}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('intake:gates.reason')}</label>
        <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {t(i18nKey(`intake:overrideReason.${r}`))}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('intake:gates.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={500}
          value={note}
          aria-invalid={shown && !parsed.success}
          onChange={(e) => setNote(e.target.value)}
        />
        {shown && !parsed.success && (
          <small className="error" role="alert">
            {t('intake:gates.noteTooShort')}
          </small>
        )}
        <small className="help">{t('intake:gates.signedNote')}</small>
      </div>
      <button
        type="button"
        data-testid={`override-${check}-record`}
        onClick={() => {
          setShown(true);
          if (parsed.success) onRecord(parsed.data);
        }}
      >
        {t('intake:gates.record')}
      </button>
    </div>
  );
}
