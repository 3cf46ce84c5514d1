import type { Localized, RefusalReason, Service } from '../schema';
import { branch, durations } from './common';

/**
 * The 2012 «Е-лицензиялау» provider-office flow (seed 000 diagram No 2, seed 004 paragraph 7): login, choose the
 * service, query ЖТ/ЗТ МДҚ, mark and scan the paper documents, register, provider decision, result.
 * These regulations have no ЦОН channel, so the operator follows this flow [INF]; the wording differs per
 * regulation, so every text is passed in verbatim by the family module.
 */
export interface OfficeFlowTexts {
  login: Localized;
  loginCheck: Localized;
  loginRefused: Localized;
  selectService: Localized;
  registerQuery: Localized;
  registerCheck: Localized;
  registerNoData: Localized;
  attachDocuments: Localized;
  registration: Localized;
  decisionCheck: Localized;
  decisionRefused: Localized;
  result: Localized;
  /** Where the seed prints the service term (registration row in 000, result row in 004). */
  registrationDuration?: Localized;
  resultDuration?: Localized;
  /** Clause references for the refusal messages, e.g. "annex 1, cl. 7, process 5". */
  clauses: { loginRefused: string; registerNoData: string; decisionRefused: string };
  note: Localized;
}

export function eLicensingOfficeFlow(
  x: OfficeFlowTexts,
): Pick<Service, 'workflow' | 'checks' | 'refusalReasons'> {
  const refusalReasons: RefusalReason[] = [
    { id: 'staff-auth', stage: 'authorisation', message: x.loginRefused, clause: x.clauses.loginRefused },
    {
      id: 'register-no-data',
      stage: 'register-lookup',
      message: x.registerNoData,
      clause: x.clauses.registerNoData,
    },
    { id: 'decision', stage: 'decision', message: x.decisionRefused, clause: x.clauses.decisionRefused },
  ];
  return {
    workflow: {
      channel: 'provider-office',
      inferred: true,
      note: x.note,
      steps: [
        {
          id: 'login',
          actor: 'operator',
          kind: 'task',
          action: x.login,
          duration: durations.s10to15,
          next: [
            { to: 'login-refused', when: branch.fail },
            { to: 'select-service', when: branch.ok },
          ],
        },
        {
          id: 'login-refused',
          actor: 'e-licensing',
          kind: 'refusal',
          action: x.loginRefused,
          duration: durations.s10,
          next: [],
          refusal: 'staff-auth',
        },
        {
          id: 'select-service',
          actor: 'operator',
          kind: 'task',
          action: x.selectService,
          duration: durations.m1_5,
          next: [{ to: 'register-query' }],
        },
        {
          id: 'register-query',
          actor: 'state-register',
          kind: 'check',
          action: x.registerQuery,
          duration: durations.m1_5,
          next: [
            { to: 'register-no-data', when: branch.notFound },
            { to: 'attach-documents', when: branch.found },
          ],
        },
        {
          id: 'register-no-data',
          actor: 'e-licensing',
          kind: 'refusal',
          action: x.registerNoData,
          duration: durations.m1_5,
          next: [],
          refusal: 'register-no-data',
        },
        {
          id: 'attach-documents',
          actor: 'operator',
          kind: 'task',
          action: x.attachDocuments,
          duration: durations.s10to15,
          next: [{ to: 'registration' }],
        },
        {
          id: 'registration',
          actor: 'e-licensing',
          kind: 'task',
          action: x.registration,
          ...(x.registrationDuration ? { duration: x.registrationDuration } : {}),
          next: [{ to: 'decision' }],
        },
        {
          id: 'decision',
          actor: 'provider',
          kind: 'check',
          action: x.decisionCheck,
          next: [
            { to: 'decision-refused', when: branch.rejected },
            { to: 'result', when: branch.approved },
          ],
        },
        {
          id: 'decision-refused',
          actor: 'e-licensing',
          kind: 'refusal',
          action: x.decisionRefused,
          next: [],
          refusal: 'decision',
        },
        {
          id: 'result',
          actor: 'e-licensing',
          kind: 'result',
          action: x.result,
          ...(x.resultDuration ? { duration: x.resultDuration } : {}),
          next: [],
        },
      ],
    },
    checks: [
      { id: 'staff-credentials', condition: x.loginCheck, onFail: 'staff-auth' },
      { id: 'applicant-in-register', condition: x.registerCheck, onFail: 'register-no-data' },
      { id: 'qualification', condition: x.decisionCheck, onFail: 'decision' },
    ],
    refusalReasons,
  };
}
