import type { Language } from '../i18n/resources';
import { everydayWords } from './everyday-words';
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
  // Latin "e" reads as е, and people write «екстерн» for «экстерн»
  э: 'е',
};

export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[әғқңөұүһіiёэ]/g, (ch) => fold[ch] ?? ch)
    .replace(/[«»"“”„'’()[\],.;:!?/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Latin typed on a Cyrillic desk (a keyboard left in EN, a transliterated name): longest sequences first.
const latinSequences: [string, string][] = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'],
  ['ya', 'я'], ['yu', 'ю'], ['yo', 'ё'], ['iy', 'ий'], ['yy', 'ый'], ['ay', 'ай'], ['ey', 'ей'], ['oy', 'ой'], ['uy', 'уй'],
];
const latinLetters: Record<string, string> = {
  a: 'а', b: 'б', c: 'к', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н',
  o: 'о', p: 'п', q: 'к', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'у', x: 'кс', y: 'ы', z: 'з',
};

/** A word typed in Latin letters, read as Cyrillic: «balabaqsha» → «балабакша», «detskiy sad» → «детский сад». */
export function latinToCyrillic(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; ) {
    const seq = latinSequences.find(([from]) => word.startsWith(from, i));
    if (seq) {
      out += seq[1];
      i += seq[0].length;
    } else {
      out += latinLetters[word[i]!] ?? word[i];
      i += 1;
    }
  }
  return out;
}

/** The ways one typed word may be meant: as typed, and, for a purely Latin word, as Cyrillic. */
function alternatives(raw: string): string[] {
  const typed = stem(normalizeForSearch(raw));
  return /^[a-z]+$/.test(raw) ? [typed, stem(normalizeForSearch(latinToCyrillic(raw)))] : [typed];
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
  // split before folding, so a Latin word is recognised as such (folding turns Latin i into Cyrillic и)
  const words = query.toLowerCase().replace(/[«»"“”„'’()[\],.;:!?/\\]+/g, ' ').split(/\s+/).filter((w) => normalizeForSearch(w));
  const tokens = words.map(alternatives);
  if (tokens.length === 0) return [...services];
  // the whole query as typed and as read from Latin: an everyday phrase said exactly is the strongest hint
  const wholeQuery = new Set([normalizeForSearch(words.join(' ')), normalizeForSearch(words.map((w) => (/^[a-z]+$/.test(w) ? latinToCyrillic(w) : w)).join(' '))]);
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
    const phrases = everydayWords[service.id] ? [...everydayWords[service.id]!.kk, ...everydayWords[service.id]!.ru].map(normalizeForSearch) : [];
    const everyday = phrases.join(' | ');
    const hit = (text: string) => (alts: string[]) => alts.some((tok) => text.includes(tok));
    const inNames = tokens.every(hit(haystack));
    const inEveryday = !inNames && !!everyday && tokens.every(hit(`${haystack} | ${everyday}`));
    if (!inNames && !inEveryday) return;
    const inOwn = inNames && tokens.every(hit(own));
    const firstHit = inOwn ? Math.min(...tokens.map((alts) => Math.min(...alts.map((tok) => own.indexOf(tok)).filter((i) => i >= 0)))) : Number.MAX_SAFE_INTEGER;
    // Own-language names rank first; then an everyday phrase said exactly; then the other language's names; then
    // everyday words matched in part (a hint, not a name).
    const exact = phrases.some((p) => wholeQuery.has(p));
    const score = inOwn ? firstHit : exact ? Number.MAX_SAFE_INTEGER - 2 : inNames ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER;
    scored.push({ service, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.service);
}
