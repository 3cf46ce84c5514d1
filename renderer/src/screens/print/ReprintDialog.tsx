import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A reprint needs a reason in the log; the dialog will not confirm without one. */
export function ReprintDialog({ numbers, onConfirm, onCancel }: { numbers: string; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => ref.current?.showModal(), []);
  const missing = reason.trim().length === 0;
  return (
    <dialog ref={ref} className="print-dialog" aria-labelledby="reprint-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) onConfirm(reason.trim());
        }}
      >
        <h2 id="reprint-title">{t('print:reprint.title', { number: numbers })}</h2>
        <label>
          {t('print:reprint.reason')}
          <textarea value={reason} rows={3} aria-invalid={touched && missing} onChange={(e) => setReason(e.target.value)} />
        </label>
        {touched && missing && <p className="error">{t('print:reprint.reasonRequired')}</p>}
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('print:reprint.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('print:reprint.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
