// Reference API throughput (issue #18 item 2): verified signed submissions per second and their latency at 32
// concurrent clients, with signature verification ON, on the embedded PGlite and on PostgreSQL
// (QABYLDAU_TEST_PG or BENCH_PG names a server; without one that half is reported as not run), at 1,000 stored
// applications and, with `--large` or BENCH_API_LARGE=1, at 100,000. Also the feed's first page at that size.
// `npm run bench -- api`; BENCH_API_N sets how many submissions are measured (default 1,000).
//
// The clients run in a child process (undici, keep-alive, one connection per client) so the load generator does
// not queue on the API's own event loop; on a 2-core box it still takes a share of the CPU, so the figures are a
// lower bound for a dedicated API host. Because a shared machine's load moves the wall-clock figures, the API
// process's CPU time per submission is printed too (for PostgreSQL, without the database server's own CPU).
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildServer } from '../../server/app';
import { freshPostgresDatabase, seedApplications } from '../../server/db/bench.testkit';
import { canonicalManifestBytes, type Manifest } from '../../shared/manifest/manifest';
import { generateTestPki, type TestPkiManifest } from '../pki/generate-test-pki';
import type { Bench, BenchFigure } from './types';

const run = promisify(execFile);
const clients = 32;
const measured = Number(process.env.BENCH_API_N ?? 1000);
const warmup = 64;
const sizes = [1_000, ...(process.argv.includes('--large') || process.env.BENCH_API_LARGE ? [100_000] : [])];
const pgUrl = process.env.BENCH_PG ?? process.env.QABYLDAU_TEST_PG;
const centre = { id: 'CON-API-BENCH', name: 'api bench', key: 'api-bench-centre-key-0123456789' };
const goal = { perSecond: 200, p99Ms: 500, feedFirstPageMs: 50 };

interface Submission {
  id: string;
  body: string;
}

/** Signatures by an independent signer (openssl cms), made before the clock starts: the bench measures the API. */
async function signedSubmissions(pki: TestPkiManifest, work: string, count: number): Promise<Submission[]> {
  const cert = pki.certs.operator;
  const out: Submission[] = [];
  let next = 0;
  const one = async () => {
    while (next < count) {
      const i = next++;
      const manifest: Manifest = {
        schema: 'qabyldau.application/1',
        applicationId: randomUUID(),
        centreId: centre.id,
        serviceId: 'edu-licence-school',
        subOperation: 'issue',
        applicant: { kind: 'legal-entity', id: '100440001230' },
        form: { name: 'Мектеп', i },
        documentsPresented: [],
        attachments: [],
        operatorIin: pki.operatorIin,
        acceptedAt: new Date().toISOString(),
      };
      const file = join(work, `${manifest.applicationId}.json`);
      await writeFile(file, canonicalManifestBytes(manifest));
      await run('openssl', [
        'cms',
        '-sign',
        '-binary',
        '-md',
        'sha256',
        '-nosmimecap',
        '-outform',
        'DER',
        '-in',
        file,
        '-signer',
        join(pki.dir, cert.certPem),
        '-inkey',
        join(pki.dir, cert.keyPem),
        '-out',
        `${file}.der`,
      ]);
      const cmsBase64 = (await readFile(`${file}.der`)).toString('base64');
      out[i] = { id: manifest.applicationId, body: JSON.stringify({ manifest, signature: { cmsBase64 } }) };
    }
  };
  await Promise.all(Array.from({ length: 4 }, one));
  return out;
}

const loadClient = `
process.once('message', async (workerData) => {
  const { Pool } = require(workerData.undici);
  const pool = new Pool(workerData.url, { connections: workerData.clients });
  const { bodies, token } = workerData;
  let next = 0;
  const latencies = [];
  const statuses = {};
  const started = performance.now();
  await Promise.all(Array.from({ length: workerData.clients }, async () => {
    while (next < bodies.length) {
      const b = bodies[next++];
      const t = performance.now();
      const res = await pool.request({ path: '/v1/applications', method: 'POST', body: b.body,
        headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'idempotency-key': b.id } });
      await res.body.text();
      latencies.push(performance.now() - t);
      statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
    }
  }));
  const elapsedMs = performance.now() - started;
  await pool.close();
  process.send({ latencies, statuses, elapsedMs }, () => process.exit(0));
});
`;

interface LoadResult {
  latencies: number[];
  statuses: Record<string, number>;
  elapsedMs: number;
}

/** The clients, in a process of their own, so `process.cpuUsage()` here counts the API alone. */
async function load(
  url: string,
  token: string,
  bodies: Submission[],
): Promise<LoadResult & { apiCpuMs: number }> {
  const undici = createRequire(import.meta.url).resolve('undici');
  const child = spawn(process.execPath, ['-e', loadClient], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cpu = process.cpuUsage();
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load client exited with ${code}`)));
    child.send({ url, token, bodies, clients, undici });
  });
  const used = process.cpuUsage(cpu);
  return { ...result, apiCpuMs: (used.user + used.system) / 1000 };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function runOne(
  backend: 'PGlite' | 'PostgreSQL',
  stored: number,
  pki: TestPkiManifest,
  bodies: Submission[],
): Promise<BenchFigure[]> {
  const database = backend === 'PostgreSQL' ? await freshPostgresDatabase(pgUrl!) : undefined;
  const server = await buildServer({
    ...(database ? { databaseUrl: database.url } : {}),
    centres: [centre],
    signatures: {
      trustedCaPems: [await readFile(join(pki.dir, pki.caCertPem), 'utf8')],
      crlFiles: [join(pki.dir, pki.crlDer)],
    },
  });
  try {
    await seedApplications(server.db, centre.id, stored);
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const session = await fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: centre.id }),
    });
    const { token } = (await session.json()) as { token: string };
    await load(url, token, bodies.slice(0, warmup));
    const result = await load(url, token, bodies.slice(warmup));
    const created = result.statuses['201'] ?? 0;
    if (created !== bodies.length - warmup)
      throw new Error(`api bench: not every submission was registered: ${JSON.stringify(result.statuses)}`);

    // The feed's first page (100 items), as a workstation asks for it, with `stored` + the submissions in the table.
    const feedMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await fetch(`${url}/v1/feed?limit=100`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`feed: ${res.status}`);
      feedMs.push(performance.now() - t);
    }
    const cpuPerSubmission = result.apiCpuMs / created;
    const label = `${backend}, ${stored.toLocaleString('en')} stored, ${clients} clients, verification on`;
    return [
      {
        name: `${label}: verified submissions/s`,
        value: created / (result.elapsedMs / 1000),
        unit: 'per s',
        baseline: { name: 'goal', value: goal.perSecond },
      },
      {
        name: `${label}: API process CPU per submission (load average ${loadavg()[0]!.toFixed(1)})`,
        value: cpuPerSubmission,
        unit: 'ms',
      },
      { name: `${label}: p50 latency`, value: percentile(result.latencies, 50), unit: 'ms' },
      {
        name: `${label}: p99 latency`,
        value: percentile(result.latencies, 99),
        unit: 'ms',
        baseline: { name: 'goal', value: goal.p99Ms },
      },
      {
        name: `${backend}, ${stored.toLocaleString('en')} stored: feed first page (100 items), median of 20`,
        value: percentile(feedMs, 50),
        unit: 'ms',
        baseline: { name: 'goal', value: goal.feedFirstPageMs },
      },
    ];
  } finally {
    await server.close();
    await database?.drop();
  }
}

const bench: Bench = async () => {
  const work = await mkdtemp(join(tmpdir(), 'qabyldau-bench-api-'));
  try {
    const pki = await generateTestPki(join(work, 'pki'));
    const bodies = await signedSubmissions(pki, work, warmup + measured);
    const figures: BenchFigure[] = [];
    for (const stored of sizes) {
      figures.push(...(await runOne('PGlite', stored, pki, bodies)));
      if (pgUrl) figures.push(...(await runOne('PostgreSQL', stored, pki, bodies)));
      else
        figures.push({ name: 'PostgreSQL: not run (set QABYLDAU_TEST_PG or BENCH_PG)', value: 0, unit: '' });
    }
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};
export default bench;
