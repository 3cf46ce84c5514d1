import { useTranslation } from 'react-i18next';
import type { FormField } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';

interface Props {
  field: FormField;
  value: string | boolean | undefined;
  error: string | null;
  onChange: (value: string | boolean) => void;
  onBlur: () => void;
}

const inputType: Partial<Record<FormField['type'], string>> = { date: 'date', email: 'email', phone: 'tel' };
const numeric = new Set<FormField['type']>(['iin', 'bin', 'number']);

/** One catalogue form field, rendered from its type; labels, notes and errors are all data or locale keys. */
export function FieldInput({ field, value, error, onChange, onBlur }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = `intake-field-${field.key}`;
  const describedBy = [field.note ? `${id}-note` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.key,
    'aria-invalid': !!error,
    'aria-required': field.required,
    'aria-describedby': describedBy,
    onBlur,
  };
  const text = typeof value === 'string' ? value : '';
  const label = (
    <>
      {field.label[lang]}
      {field.required && (
        <span className="required" aria-hidden="true">
          {' *'}
        </span>
      )}
    </>
  );
  const extras = (
    <>
      {field.note && (
        <small id={`${id}-note`} className="help">
          {field.note[lang]}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error" role="alert">
          {error}
        </small>
      )}
    </>
  );

  if (field.type === 'checkbox')
    return (
      <div className="field field-checkbox">
        <label htmlFor={id}>
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{label}</span>
        </label>
        {extras}
      </div>
    );

  return (
    <div className={field.type === 'textarea' ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {field.type === 'textarea' ? (
        <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : field.type === 'select' ? (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('intake:chooseOption')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={inputType[field.type] ?? 'text'}
          inputMode={numeric.has(field.type) ? 'numeric' : undefined}
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {extras}
    </div>
  );
}
