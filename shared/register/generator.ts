import { generateBin } from '../identity/bin';
import { generateIin } from '../identity/iin';
import type { IndividualRecord, LegalEntityRecord } from './schemas';

/**
 * Deterministic test population for the reference register: the same seed always gives the same people and
 * organisations, with valid ИИН/БИН and Kazakh names. Serials start high (ИИН 6000+, БИН 60000+) so generated
 * numbers never collide with the hand-picked ones other tests use for "someone the register does not know".
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const maleNames = ['Асқар', 'Ерлан', 'Нұрлан', 'Серік', 'Бауыржан', 'Дәурен', 'Ерболат', 'Қайрат', 'Мұрат', 'Талғат', 'Әлихан', 'Жандос'];
const femaleNames = ['Айгүл', 'Гүлнар', 'Әсел', 'Жанар', 'Мөлдір', 'Сәуле', 'Динара', 'Айжан', 'Ақмарал', 'Балжан', 'Құралай', 'Назерке'];
/** Stems: the surname is stem + ов/ев (male) or ова/ева (female); the patronymic is father's name + ұлы/қызы. */
const surnameStems = ['Ахмет', 'Жұмабай', 'Серікбай', 'Қасым', 'Әбдірахман', 'Нұрғали', 'Төлеген', 'Омар', 'Сәрсенбай', 'Байжан', 'Есенжол', 'Мұхамедж'];
const cities = ['Астана қ.', 'Алматы қ.', 'Шымкент қ.', 'Қарағанды қ.', 'Ақтөбе қ.', 'Павлодар қ.', 'Семей қ.', 'Түркістан қ.'];
const streets = ['Абай даңғылы', 'Республика даңғылы', 'Сәтпаев к-сі', 'Бейбітшілік к-сі', 'Қабанбай батыр даңғылы', 'Төле би к-сі', 'Жібек жолы к-сі', 'Мәңгілік Ел даңғылы'];
const orgWords = ['Алтын Дала', 'Болашақ', 'Нұр Білім', 'Шапағат', 'Жасыл Ел', 'Ақ Жол', 'Сарыарқа', 'Тұлпар', 'Самұрық', 'Арай', 'Кемел', 'Өркен'];
const orgForms = ['ЖШС', 'АҚ', 'ЖМ', 'КЕАҚ'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function address(rand: () => number): string {
  return `${pick(rand, cities)}, ${pick(rand, streets)}, ${1 + Math.floor(rand() * 180)}-үй${rand() < 0.6 ? `, ${1 + Math.floor(rand() * 240)}-пәтер` : ''}`;
}

function surname(stem: string, female: boolean): string {
  const soft = /[ейи]$/.test(stem) || /(ай|ей)$/.test(stem);
  return `${stem}${soft ? 'ев' : 'ов'}${female ? 'а' : ''}`;
}

function person(rand: () => number, index: number): IndividualRecord {
  const female = rand() < 0.5;
  const year = 1950 + Math.floor(rand() * 55);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  let iin: string | undefined;
  // A serial whose check digit is undefined is never issued; the next one is.
  for (let serial = 6000 + index * 3; !iin; serial++) {
    try {
      iin = generateIin({ birthDate, sex: female ? 'female' : 'male', serial });
    } catch {
      /* unissuable serial */
    }
  }
  const father = pick(rand, maleNames);
  return {
    iin,
    surname: surname(pick(rand, surnameStems), female),
    name: pick(rand, female ? femaleNames : maleNames),
    patronymic: rand() < 0.9 ? `${father}${female ? 'қызы' : 'ұлы'}` : null,
    birthDate,
    address: address(rand),
  };
}

function organisation(rand: () => number, index: number, head: IndividualRecord): LegalEntityRecord {
  const year = 2000 + Math.floor(rand() * 24);
  const month = 1 + Math.floor(rand() * 12);
  let bin: string | undefined;
  for (let serial = 60000 + index * 3; !bin; serial++) {
    try {
      bin = generateBin({ registered: `${year}-${pad(month, 2)}`, entityType: 'resident', division: 'head', serial });
    } catch {
      /* unissuable serial */
    }
  }
  return {
    bin,
    name: `«${pick(rand, orgWords)}${index % 5 === 0 ? ' ' + pick(rand, orgWords) : ''}» ${pick(rand, orgForms)}`,
    legalAddress: address(rand),
    head: { iin: head.iin, fullName: [head.surname, head.name, head.patronymic].filter(Boolean).join(' ') },
    registeredOn: `${year}-${pad(month, 2)}-${pad(1 + Math.floor(rand() * 28), 2)}`,
  };
}

export interface TestPopulation {
  individuals: IndividualRecord[];
  legalEntities: LegalEntityRecord[];
}

export function generatePopulation(options: { seed?: number; individuals?: number; legalEntities?: number } = {}): TestPopulation {
  const rand = mulberry32(options.seed ?? 20121126);
  const individuals = Array.from({ length: options.individuals ?? 120 }, (_, i) => person(rand, i));
  const legalEntities = Array.from({ length: options.legalEntities ?? 40 }, (_, i) => organisation(rand, i, individuals[i % individuals.length]!));
  return { individuals, legalEntities };
}

/**
 * Fixed entries other parts of the workstation already use in their fixtures (the print-centre tests issue a
 * licence to «Үміт» мектебі ЖШС, БИН 100440001230), so the reference register knows them too.
 */
export const fixtureLegalEntities: LegalEntityRecord[] = [
  {
    bin: '100440001230',
    name: '«Үміт» мектебі ЖШС',
    legalAddress: 'Астана қ., Сарыарқа ауданы, Бейбітшілік к-сі, 14',
    head: { iin: null, fullName: 'Сейітова Ақмарал Нұрланқызы' },
    registeredOn: '2010-04-15',
  },
];
