import { describe, expect, it } from 'vitest';
import { catalogue } from '../shared/catalogue';
import { buildDecisionDocument } from '../shared/decisions/document';
import { apiBaseUrl, CliError, run, usage } from './licensor-cli';
import { sampleDecision } from './licensor-samples';

// The licensor console as the README uses it: every sample it prints is a body the API accepts for that service,
// result and applicant; it finds the API where the workstation does; failures are one readable line.

const cases = catalogue.flatMap((service) =>
  service.subOperations.flatMap((op) =>
    op.results.flatMap((result) =>
      service.applicantKinds.map((kind) => ({ service, subOperation: op.id, result: result.kind, kind })),
    ),
  ),
);

describe('licensor CLI samples', () => {
  it.each(cases.map((c) => [`${c.service.id}/${c.subOperation} ${c.result} (${c.kind})`, c] as const))(
    '%s builds a valid signed-document body',
    (_name, c) => {
      const request = sampleDecision(c.service.id, c.result, c.kind);
      const document = buildDecisionDocument({
        request,
        service: c.service,
        decisionId: '00000000-0000-4000-8000-000000000001',
        number: 'LIC-2026-00000001',
        decidedAt: '2026-12-01T10:00:00.000Z',
        licensorId: 'MON',
        verificationRef: 'https://verify.example/v1/verify/x',
        queueNumber: 1,
        application: {
          id: '00000000-0000-4000-8000-000000000002',
          fingerprint: 'a'.repeat(64),
          registrationNumber: 'Q2026-00000001',
          receivedAt: '2026-11-30T10:00:00.000Z',
          centreId: 'CON',
          serviceId: c.service.id,
          subOperation: c.subOperation,
          applicant: { kind: c.kind, id: c.kind === 'individual' ? '900101300811' : '940140000385' },
        },
      });
      expect(document.result).toBe(c.result);
    },
  );

  it('refuses a result the service never issues, in one line', () => {
    expect(() => sampleDecision('kindergarten-queue', 'licence')).toThrow(
      /kindergarten-queue never issues "licence"/,
    );
  });
});

describe('licensor CLI', () => {
  const lines = async (argv: string[], env: Record<string, string | undefined> = {}) => {
    const out: string[] = [];
    await run(argv, env, (l) => out.push(l));
    return out.join('\n');
  };

  it('prints its usage with --help', async () => {
    expect(await lines(['--help'])).toBe(usage);
  });

  it('prints the refusal sample for "refusal", not a licence', async () => {
    expect(JSON.parse(await lines(['sample', 'refusal', '--service', 'kindergarten-queue']))).toMatchObject({
      result: 'motivated-refusal',
      refusal: { reasonId: 'registration-refused' },
    });
  });

  it('finds the API from the same variables as the workstation', () => {
    expect(apiBaseUrl({ QABYLDAU_API_PORT: '8803' })).toBe('http://127.0.0.1:8803/');
    expect(apiBaseUrl({ QABYLDAU_API_URL: 'http://10.0.0.5:9000/', QABYLDAU_API_PORT: '8803' })).toBe(
      'http://10.0.0.5:9000/',
    );
    expect(apiBaseUrl({}, 'http://h:1')).toBe('http://h:1/');
  });

  it('says in one line that the API cannot be reached', async () => {
    // port 9 (discard) on loopback: nothing listens there
    const error = await run(
      ['list'],
      { QABYLDAU_API_PORT: '9', QABYLDAU_LICENSOR_KEY: 'k'.repeat(20) },
      () => undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(
      /^cannot reach the licensing API at http:\/\/127\.0\.0\.1:9\/ /,
    );
    expect((error as CliError).message).not.toContain('\n');
  });

  it('names a wrong usage with exit code 2', async () => {
    const error = await run(['sample', 'nonsense'], {}, () => undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^unknown result "nonsense"/),
    });
  });
});
