import type { Language } from '../i18n/resources';
import { catalogue } from './index';
import type { Service } from './schema';

/**
 * Operators type service names with or without Kazakh letters, in either case, and the seeds themselves type Latin
 * `i` for Kazakh `і`. Both query and names are folded to a plain Cyrillic form before matching.
 */
const fold: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  i: 'и',
  ё: 'е',
};

export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[әғқңөұүһіiё]/g, (ch) => fold[ch] ?? ch)
    .replace(/[«»"“”„'’()[\],.;:!?/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word stems so «лицензии» finds «лицензия»: long words lose their last two letters (a crude ending strip). */
function stem(token: string): string {
  return token.length >= 6 ? token.slice(0, -2) : token;
}

interface Scored {
  service: Service;
  score: number;
  index: number;
}

/**
 * Services whose id, Kazakh or Russian name (or a sub-operation name) contains every word of the query.
 * Matches in the operator's language rank first, then earlier matches; an empty query returns the whole list.
 */
export function searchServices(
  query: string,
  lang: Language,
  services: readonly Service[] = catalogue,
): Service[] {
  const tokens = normalizeForSearch(query).split(' ').filter(Boolean).map(stem);
  if (tokens.length === 0) return [...services];
  const other: Language = lang === 'kk' ? 'ru' : 'kk';
  const scored: Scored[] = [];
  services.forEach((service, index) => {
    const own = normalizeForSearch(service.names[lang]);
    const haystack = [
      own,
      normalizeForSearch(service.names[other]),
      normalizeForSearch(service.id.replace(/-/g, ' ')),
      ...service.subOperations.flatMap((op) => [
        normalizeForSearch(op.name.kk),
        normalizeForSearch(op.name.ru),
      ]),
    ].join(' | ');
    if (!tokens.every((tok) => haystack.includes(tok))) return;
    const inOwn = tokens.every((tok) => own.includes(tok));
    const firstHit = inOwn ? Math.min(...tokens.map((tok) => own.indexOf(tok))) : Number.MAX_SAFE_INTEGER;
    scored.push({ service, score: inOwn ? firstHit : Number.MAX_SAFE_INTEGER, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.service);
}
