// The licensor's minimal console (TEST/reference): list registered applications and decide them. `--help` below.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { catalogue } from '../shared/catalogue';
import { applicantKinds, resultKinds } from '../shared/catalogue/schema';
import { pendingApplicationSchema } from '../shared/decisions/schema';
import { sampleDecision, SampleError } from './licensor-samples';

export const usage = `Qabyldau licensor console (reference/TEST)

  licensor-cli list [--status registered|decided]
  licensor-cli sample <result> [--service <serviceId>] [--applicant individual|legal-entity]
  licensor-cli decide <applicationId> [--result <result> | --body JSON | --body-file FILE]
  licensor-cli --help

  <result>: ${resultKinds.join(', ')}
  decide --result builds the sample body for that application's own service and applicant.

Where the API is: --api URL, else QABYLDAU_API_URL, else http://127.0.0.1:$QABYLDAU_API_PORT (default 8787) — the
same variables npm start and the workstation use. The licensor key: QABYLDAU_LICENSOR_KEY, else --credentials FILE
(default $QABYLDAU_DATA_DIR/licensor.json, written by npm start).`;

/** A failure the officer can act on: printed as one line, exit code 1 (2 for wrong usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function apiBaseUrl(env: Record<string, string | undefined>, flag?: string): string {
  const url = flag ?? env.QABYLDAU_API_URL ?? `http://127.0.0.1:${env.QABYLDAU_API_PORT ?? 8787}`;
  try {
    return new URL(url).href;
  } catch {
    throw new CliError(`not a URL: ${url}`, 2);
  }
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

export async function run(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        api: { type: 'string' },
        credentials: { type: 'string' },
        body: { type: 'string' },
        'body-file': { type: 'string' },
        result: { type: 'string' },
        service: { type: 'string' },
        applicant: { type: 'string' },
        status: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message} (see --help)`, 2);
  }
  const { positionals, values } = parsed;
  const [command, arg] = positionals;
  if (values.help || command === 'help' || !command) {
    out(usage);
    if (!command && !values.help) throw new CliError('no command given (see --help)', 2);
    return;
  }
  const resultOf = (value: string | undefined) => {
    const r = z.enum(resultKinds).safeParse(value === 'refusal' ? 'motivated-refusal' : value);
    if (!r.success) throw new CliError(`unknown result "${value ?? ''}"; one of: ${resultKinds.join(', ')}`, 2);
    return r.data;
  };
  const applicantOf = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const a = z.enum(applicantKinds).safeParse(value);
    if (!a.success) throw new CliError(`--applicant must be one of: ${applicantKinds.join(', ')}`, 2);
    return a.data;
  };
  const sample = (serviceId: string, result: string | undefined, applicant?: string) => {
    try {
      return sampleDecision(serviceId, resultOf(result), applicantOf(applicant));
    } catch (error) {
      if (error instanceof SampleError) throw new CliError(error.message, 2);
      throw error;
    }
  };

  if (command === 'sample') {
    const result = resultOf(arg);
    // without --service: the first catalogue service that issues this result
    const serviceId = values.service ?? catalogue.find((s) => s.subOperations.some((o) => o.results.some((r) => r.kind === result)))?.id ?? 'edu-licence-school';
    out(JSON.stringify(sample(serviceId, result, values.applicant), null, 2));
    return;
  }

  const api = apiBaseUrl(env, values.api);
  const key = env.QABYLDAU_LICENSOR_KEY ?? readKey(values.credentials ?? resolve(env.QABYLDAU_DATA_DIR ?? '.data', 'licensor.json'));
  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(new URL(path.replace(/^\//, ''), api), { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    } catch {
      throw new CliError(`cannot reach the licensing API at ${api} (is it running? set QABYLDAU_API_PORT or QABYLDAU_API_URL)`);
    }
    const text = await res.text();
    if (!res.ok) {
      const body = errorBody.safeParse(safeJson(text));
      throw new CliError(`HTTP ${res.status}: ${body.success ? `${body.data.error.code} — ${firstLine(body.data.error.message ?? '')}` : firstLine(text)}`);
    }
    return safeJson(text);
  };
  const pending = async (status: string) => {
    if (status !== 'registered' && status !== 'decided') throw new CliError('--status must be registered or decided', 2);
    const body = z.object({ items: z.array(pendingApplicationSchema) }).safeParse(await call(`/v1/licensor/applications?status=${status}`));
    if (!body.success) throw new CliError('unexpected answer from the licensing API');
    return body.data.items;
  };

  if (command === 'list') {
    const items = await pending(values.status ?? 'registered');
    for (const i of items) {
      out(`${i.applicationId}  ${i.registrationNumber ?? '—'}  ${i.serviceId}/${i.subOperation}  ${i.applicant.kind} ${i.applicant.id}`);
      // what the desk accepted without: signed by the operator, so the licensor sees it before deciding
      for (const o of i.overrides) out(`    OVERRIDE ${o.check}: ${o.reason} — ${o.note}`);
    }
    if (!items.length) out(`no ${values.status ?? 'registered'} applications`);
  } else if (command === 'decide') {
    if (!arg) throw new CliError('decide needs an application id (see list)', 2);
    let body: string;
    if (values.body) body = values.body;
    else if (values['body-file']) body = readText(values['body-file']);
    else {
      const application = (await pending('registered')).find((i) => i.applicationId === arg);
      if (!application) throw new CliError(`no registered application ${arg} waiting for a decision`);
      body = JSON.stringify(sample(application.serviceId, values.result ?? 'licence', application.applicant.kind));
    }
    const decision = z.object({ number: z.string(), decisionId: z.string() }).parse(await call(`/v1/licensor/applications/${encodeURIComponent(arg)}/decision`, { method: 'POST', body }));
    out(`decided: ${decision.number} (decision ${decision.decisionId})`);
  } else {
    throw new CliError(`unknown command "${command}" (see --help)`, 2);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const firstLine = (text: string) => text.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
}

function readKey(file: string): string {
  const parsed = z.object({ key: z.string().min(1) }).safeParse(safeJson(readText(file)));
  if (!parsed.success) throw new CliError(`${file} holds no licensor key (set QABYLDAU_LICENSOR_KEY)`);
  return parsed.data.key;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await run(process.argv.slice(2), process.env, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`licensor-cli: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}
