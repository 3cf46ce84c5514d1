import { useTranslation } from 'react-i18next';
import { languages, type Language } from '@shared/i18n/resources';
import { saveLanguage } from '../i18n';
import { i18nKey } from '@shared/i18n/keys';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('common:language')}>
      {languages.map((lng: Language) => (
        <button
          key={lng}
          type="button"
          className={i18n.language === lng ? 'lang active' : 'lang'}
          aria-pressed={i18n.language === lng}
          onClick={() => {
            saveLanguage(lng);
            void i18n.changeLanguage(lng);
          }}
        >
          {t(i18nKey(`common:languageName.${lng}`))}
        </button>
      ))}
    </div>
  );
}
