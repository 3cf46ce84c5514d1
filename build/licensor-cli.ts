// The licensor's minimal console (TEST/reference): list registered applications and decide them.
//
//   npx tsx build/licensor-cli.ts list
//   npx tsx build/licensor-cli.ts decide <applicationId> --body '{"result":"licence",…}'   (or --body-file f.json)
//   npx tsx build/licensor-cli.ts sample licence|motivated-refusal|permit|queue-place    (prints a body to edit)
//
// --api (default http://127.0.0.1:8787) and --credentials (default .data/licensor.json, written by `npm start`)
// say where the API is and which licensor key to use (QABYLDAU_LICENSOR_KEY overrides the file).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DecideRequest } from '../shared/decisions/schema';

const officer = { name: 'Құдайбергенова Әсем Үсенқызы', position: 'Комитет төрағасының орынбасары' };
const authority = { name: 'Білім саласындағы сапаны қамтамасыз ету комитеті', details: 'Астана қ., Мәңгілік Ел д-лы, 8', place: 'Астана қаласы' };

export const sampleBodies: Record<string, DecideRequest> = {
  licence: { result: 'licence', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' }, activityType: 'Жалпы орта білім беру қызметі' },
  'motivated-refusal': { result: 'motivated-refusal', officer, authority, refusal: { reasonId: 'decision', details: 'Біліктілік талаптарына сәйкестігін растайтын құжаттар ұсынылмаған.' } },
  permit: { result: 'permit', officer, authority: { ...authority, name: 'Байланыс комитеті' }, holder: { name: '«Сигнал» ЖШС', address: 'Алматы қ., Сәтбаев к-сі, 5' } },
  'queue-place': { result: 'queue-place', officer, authority: { ...authority, name: 'Аудандық білім бөлімі' }, queue: { child: { surname: 'Сәрсенов', name: 'Әли', iin: '200315500123', birthDate: '2020-03-15' }, applicant: { surname: 'Сәрсенова', name: 'Гүлназ' }, preferences: ['«Балбөбек» бөбекжайы'] } },
};

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { api: { type: 'string', default: 'http://127.0.0.1:8787' }, credentials: { type: 'string', default: '.data/licensor.json' }, body: { type: 'string' }, 'body-file': { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (command === 'sample') {
    console.log(JSON.stringify(sampleBodies[arg ?? 'licence'] ?? sampleBodies.licence, null, 2));
    return;
  }
  const key = process.env.QABYLDAU_LICENSOR_KEY ?? (JSON.parse(readFileSync(values.credentials, 'utf8')) as { key: string }).key;
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(path, values.api), { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  if (command === 'list') {
    const { items } = (await call('/v1/licensor/applications')) as { items: Array<Record<string, unknown>> };
    for (const i of items) console.log(`${String(i.applicationId)}  ${String(i.registrationNumber)}  ${String(i.serviceId)}/${String(i.subOperation)}  ${JSON.stringify(i.applicant)}`);
    if (!items.length) console.log('no registered applications waiting');
  } else if (command === 'decide' && arg) {
    const body = values.body ?? (values['body-file'] ? readFileSync(values['body-file'], 'utf8') : JSON.stringify(sampleBodies.licence));
    const decision = (await call(`/v1/licensor/applications/${arg}/decision`, { method: 'POST', body })) as { number: string; decisionId: string };
    console.log(`decided: ${decision.number} (decision ${decision.decisionId})`);
  } else {
    console.error('usage: licensor-cli.ts list | decide <applicationId> [--body JSON | --body-file F] | sample <result>');
    process.exitCode = 2;
  }
}

await main();
