import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { survey, type SurveyAnswerValue } from '@shared/catalogue/survey';
import type { Language } from '@shared/i18n/resources';
import type { HandoverRequest } from '@shared/decisions/schema';

type Answers = Partial<Record<(typeof survey.questions)[number]['id'], SurveyAnswerValue>>;

/** Hand-over with the regulations' satisfaction survey; the applicant may decline, the operator's name is required. */
export function HandoverDialog({ number, onConfirm, onCancel }: { number: string; onConfirm: (request: HandoverRequest) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const ref = useRef<HTMLDialogElement>(null);
  const [operator, setOperator] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [declined, setDeclined] = useState(false);
  const [touched, setTouched] = useState(false);
  useEffect(() => ref.current?.showModal(), []);
  const complete = answers['process-and-result'] !== undefined && answers.information !== undefined;
  const valid = operator.trim().length > 0 && (declined || complete);

  return (
    <dialog ref={ref} className="print-dialog" aria-labelledby="handover-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!valid) return;
          onConfirm({
            handedOverAt: new Date().toISOString(),
            operator: operator.trim(),
            survey: declined || !complete ? null : { language: lang, answers: { 'process-and-result': answers['process-and-result']!, information: answers.information! } },
          });
        }}
      >
        <h2 id="handover-title">{t('print:handover.title', { number })}</h2>
        <label>
          {t('print:handover.operator')}
          <input type="text" value={operator} aria-invalid={touched && !operator.trim()} onChange={(e) => setOperator(e.target.value)} />
        </label>
        {touched && !operator.trim() && <p className="error">{t('print:handover.operatorRequired')}</p>}
        <p className="small muted">{survey.title[lang]}</p>
        {survey.questions.map((q) => (
          <fieldset key={q.id} disabled={declined}>
            <legend>{q.text[lang]}</legend>
            {q.answers.map((a) => (
              <label key={a.value} style={{ display: 'block' }}>
                <input type="radio" name={q.id} value={a.value} checked={answers[q.id] === a.value} onChange={() => setAnswers({ ...answers, [q.id]: a.value })} /> {a.label[lang]}
              </label>
            ))}
          </fieldset>
        ))}
        <label>
          <input type="checkbox" checked={declined} onChange={(e) => setDeclined(e.target.checked)} /> {t('print:handover.surveyDeclined')}
        </label>
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('print:handover.cancel')}
          </button>
          <button type="submit" className="primary" disabled={touched && !valid}>
            {t('print:handover.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
