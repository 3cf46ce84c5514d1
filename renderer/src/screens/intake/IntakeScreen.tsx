import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@shared/i18n/resources';
import { useActiveCatalogue } from '../../catalogue/use-active-catalogue';
import { useWorkstation } from '../../context';
import type { LocalApplication } from '../../outbox/schema';
import { useOperator } from '../../signing/operator';
import { useCertificateOperator } from '../../signing/certificate-operator';
import { SignerSummary } from '../../signing/SignerSummary';
import { useErrorText } from '../../use-error-text';
import { ApplicantLookup, DeskPayment, manifestFormForDraft } from '../../register';
import {
  clearDeskState,
  emptyDeskState,
  loadDeskState,
  updateDeskState,
  type DeskState,
} from '../../register/desk-state';
import { i18nKey } from '@shared/i18n/keys';
import type { ManifestOverride, OverrideCheck } from '@shared/manifest/overrides';
import { gatesClear, signedOverrides, signingGates, type Gate } from './gates';
import { SigningGates } from './SigningGates';
import { Checklist } from './Checklist';
import {
  checkCompleteness,
  intakeRefusalWording,
  isSatisfied,
  needsCopy,
  needsOriginal,
  type Completeness,
} from './completeness';
import { DraftList } from './DraftList';
import { FieldInput } from './FieldInput';
import {
  emptyIntake,
  hasContent,
  isCommitted,
  parseDraft,
  type ApplicantDetails,
  type IntakeState,
} from './intake-state';
import { acceptanceReceipt, refusalReceipt, type ReceiptContext } from './receipt-data';
import type { ReceiptPdfInput } from './receipt-pdf';
import { ReceiptView } from './ReceiptView';
import { ServicePicker } from './ServicePicker';
import { useDraftAutosave } from './use-draft';
import { checkApplicantId, formValues, validateIntake, visibleFields, type Problem } from './validate';
import { termOfDeadline, termText } from './term-text';
import { ActStatusBanner } from './ActStatusBanner';
import './intake.css';
import { openApplications } from '../../privacy/records';

type Outcome = {
  kind: 'acceptance' | 'refusal';
  ctx: Omit<ReceiptContext, 'lang' | 'remarks'>;
  completeness: Completeness;
  gates: Gate[];
};

const deskScansKey = 'intake.deskScans';

/**
 * The intake desk, rendered entirely from the active catalogue: pick a service, identify the applicant, fill the
 * service's form, tick the documents, check completeness. A complete package is queued and gets an acceptance
 * receipt; an incomplete one gets a refusal-to-accept receipt and is not queued. Every keystroke is kept as a draft.
 */
export function IntakeScreen({ onQueued }: { onQueued: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { db, outbox, sync, centreId } = useWorkstation();
  const errorText = useErrorText();
  const active = useActiveCatalogue();

  const [draftId, setDraftId] = useState<string>(() => crypto.randomUUID());
  const [state, setState] = useState<IntakeState>(emptyIntake);
  const [dirty, setDirty] = useState(false);
  // Who accepts is who signs: the name and ИИН come from the unlocked certificate (host keystore), never from
  // text typed at sign-in. The session sign-in must be the same person, or the host would refuse the signature.
  const signedIn = useOperator(db);
  const { operator: certOperator } = useCertificateOperator();
  const sessionMismatch = !!certOperator && !!signedIn && signedIn.iin !== certOperator.iin;
  const operator = certOperator && signedIn && !sessionMismatch ? certOperator.name : '';
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [verdict, setVerdict] = useState<Completeness | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const autosave = useDraftAutosave(outbox, draftId, state, dirty);

  const searchRef = useRef<HTMLInputElement>(null);
  const afterServiceRef = useRef<HTMLSelectElement>(null);
  const verdictRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const gatesRef = useRef<HTMLHeadingElement>(null);

  const service = active.services.find((s) => s.id === state.serviceId);
  const op = service?.subOperations.find((o) => o.id === state.subOperation);
  const applicant = checkApplicantId(state.applicantId, service);
  const fields = visibleFields(op, applicant.kind);
  const problems = validateIntake(state, service, operator);
  // What the register and payment steps know about this draft, and whether this desk scans every document.
  const desk = useLiveQuery(async () => (await loadDeskState(db, draftId)) ?? null, [db, draftId]);
  const deskScans = useLiveQuery(async () => (await db.kv.get(deskScansKey))?.value === true, [db]) ?? false;
  const scannedKeys = useLiveQuery(
    async () =>
      new Set(
        (await db.attachments.where('applicationId').equals(draftId).toArray()).map((a) => a.documentKey),
      ),
    [db, draftId],
  );
  const gatesOf = (d: DeskState | null | undefined): Gate[] =>
    service && op
      ? signingGates({
          service,
          subOperation: op.id,
          paymentOutcome: d?.paymentOutcome,
          registerState: d?.applicantId === applicant.normalized ? d.lookup?.state : undefined,
          overrides: d?.overrides ?? [],
        })
      : [];
  const gates = gatesOf(desk);
  const clear = gatesClear(gates);
  const focusQueueRef = useRef(false);
  useEffect(() => {
    if (clear && focusQueueRef.current && verdictRef.current && !verdictRef.current.disabled) {
      focusQueueRef.current = false;
      verdictRef.current.focus();
    }
  }, [clear, verdict]);
  const shown = (id: string): Problem | null => ((attempted || touched.has(id)) && problems.get(id)) || null;
  const text = (p: Problem | null) => (p ? t(p.key, p.params ?? {}) : null);

  // A new application always starts empty. Unfinished ones (a reload, a crash, an applicant who stepped away)
  // wait in the drafts list and come back only when the operator resumes one: never another applicant's data
  // silently under a new applicant.

  const otherDrafts =
    useLiveQuery(
      async () =>
        (await db.applications.where('status').equals('draft').toArray().then((rows) => openApplications(db.vault, rows)))
          .filter((d) => d.id !== draftId)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
      [db, draftId],
    ) ?? [];

  function update(patch: Partial<IntakeState>) {
    setState((s) => ({ ...s, ...patch }));
    setDirty(true);
    setVerdict(null);
    setActionError(null);
  }
  const touch = (id: string) => setTouched((s) => (s.has(id) ? s : new Set(s).add(id)));

  function chooseService(id: string) {
    if (id === state.serviceId) return;
    const next = active.services.find((s) => s.id === id);
    const fresh = { serviceId: id, subOperation: next?.subOperations[0]?.id ?? '', form: {}, marks: {} };
    // A draft belongs to one service and one applicant: once it has an applicant or typed data, another service
    // is a new application (the first stays in the drafts list), so scans, payment and overrides never cross over.
    if (state.serviceId && isCommitted(state)) {
      void autosave.flush();
      startNew({ ...emptyIntake(), query: state.query, ...fresh }, false);
      return;
    }
    update(fresh);
  }

  /** A new application: a new id and nothing of the previous one (fields, search, register state, scans). */
  function startNew(initial: IntakeState = emptyIntake(), focusSearch = true) {
    autosave.cancel();
    autosave.reset();
    setDraftId(crypto.randomUUID());
    setState(initial);
    setDirty(hasContent(initial));
    setTouched(new Set());
    setAttempted(false);
    setVerdict(null);
    setOutcome(null);
    setActionError(null);
    if (focusSearch) setTimeout(() => searchRef.current?.focus(), 0);
  }

  async function resume(draft: LocalApplication) {
    await autosave.flush();
    const restored = parseDraft(draft.draft);
    if (!restored) return;
    setDraftId(draft.id);
    setState(restored);
    setDirty(false);
    setTouched(new Set());
    setAttempted(false);
    setVerdict(null);
    setTimeout(() => searchRef.current?.focus(), 0);
  }

  // A discarded draft takes everything with it: its fields, its scans (outbox) and its register/payment state.
  async function discard(id: string) {
    if (id === draftId) {
      autosave.cancel();
      await outbox.discardDraft(id);
      await clearDeskState(db, id);
      startNew();
    } else {
      await outbox.discardDraft(id);
      await clearDeskState(db, id);
    }
  }

  function recordOverride(o: ManifestOverride) {
    void updateDeskState(db, draftId, (c) => {
      const base = c ?? emptyDeskState(applicant.normalized);
      return { ...base, overrides: [...base.overrides.filter((x) => x.check !== o.check), o] };
    });
    // once the stored state shows every check resolved, focus moves on to "queue" (see the effect below)
    focusQueueRef.current = true;
  }
  function withdrawOverride(check: OverrideCheck) {
    void updateDeskState(db, draftId, (c) => ({
      ...(c ?? emptyDeskState(applicant.normalized)),
      overrides: (c?.overrides ?? []).filter((x) => x.check !== check),
    }));
  }
  function setDeskScans(on: boolean) {
    void db.kv.put({ key: deskScansKey, value: on });
    setVerdict(null);
  }

  function check(event?: FormEvent) {
    event?.preventDefault();
    setAttempted(true);
    if (problems.size > 0 || !op) {
      const first = [...problems.keys()][0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    const result = checkCompleteness(op, state.marks, deskScans ? (scannedKeys ?? new Set()) : undefined);
    setVerdict(result);
    // Never the refusal button: Enter pressed out of habit must not hand out a refusal. An incomplete package
    // lands on "back to the form"; a complete one on "queue", or on the checks when one still blocks it.
    setTimeout(() => {
      if (!result.complete) backRef.current?.focus();
      else if (verdictRef.current && !verdictRef.current.disabled) verdictRef.current.focus();
      else gatesRef.current?.focus();
    }, 0);
  }

  /** Back to the first thing to fix: the first missing mark, or the top of the form. */
  function backToForm() {
    const first = verdict?.missing[0];
    const target = first
      ? `intake-doc-${first.item.key}-${needsOriginal(first.item) && !first.original ? 'original' : 'copy'}`
      : 'intake-search';
    setVerdict(null);
    setTimeout(() => document.getElementById(target)?.focus(), 0);
  }

  // Ctrl+Enter submits from anywhere in the form, including a textarea where Enter is a new line.
  function onFormKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) check(e);
  }

  function receiptContext(at: Date): Omit<ReceiptContext, 'lang' | 'remarks'> {
    return {
      applicationId: draftId,
      at,
      centre: centreId,
      service: service!,
      op: op!,
      applicantKind: applicant.kind!,
      applicantId: applicant.normalized,
      applicant: state.applicant,
      operator,
    };
  }

  async function accept() {
    if (!service || !op || !verdict?.complete || !applicant.kind) return;
    // The gates are judged on what is stored now, not on the last render: a late edit cannot slip past them.
    const now = gatesOf(await loadDeskState(db, draftId));
    if (!gatesClear(now)) return;
    setBusy(true);
    setActionError(null);
    autosave.cancel();
    try {
      const queued = await outbox.queue(
        {
          serviceId: service.id,
          subOperation: op.id,
          applicant: { kind: applicant.kind, id: applicant.normalized },
          // register: applicant block with provenance, register/payment check state (re-checked by the server on arrival)
          form: {
            ...formValues(fields, state.form),
            ...(await manifestFormForDraft(
              db,
              draftId,
              applicant.normalized,
              state.applicant,
              service,
              op.id,
            )),
          },
          documentsPresented: verdict.presented.map((d) => d.item.key),
          centreId,
          overrides: signedOverrides(now),
        },
        draftId,
      );
      sync.kick();
      setDirty(false);
      await clearDeskState(db, draftId);
      setOutcome({
        kind: 'acceptance',
        ctx: receiptContext(new Date(queued.manifest?.acceptedAt ?? queued.createdAt)),
        completeness: verdict,
        gates: now,
      });
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function refuse() {
    if (!service || !op || !verdict || verdict.complete || !applicant.kind) return;
    setBusy(true);
    setActionError(null);
    autosave.cancel();
    try {
      // The refusal receipt is the outcome: nothing is queued, and the draft has served its purpose.
      await outbox.discardDraft(draftId);
      await clearDeskState(db, draftId);
      setDirty(false);
      setOutcome({ kind: 'refusal', ctx: receiptContext(new Date()), completeness: verdict, gates: [] });
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  // The receipt follows the interface language, so it can be printed in Kazakh or Russian on request.
  const receipt = useMemo<ReceiptPdfInput | null>(() => {
    if (!outcome) return null;
    // Overrides and deferred checks are printed in the receipt's language, from the gates as they were signed.
    const remarks = outcome.gates.flatMap((g) => {
      if (g.status === 'overridden' && g.override)
        return [
          t(g.check === 'payment' ? 'intake:remarks.paymentOverride' : 'intake:remarks.registerOverride', {
            reason: t(i18nKey(`intake:overrideReason.${g.override.reason}`)),
            note: g.override.note,
          }),
        ];
      return g.status === 'deferred' ? [t('intake:remarks.registerDeferred')] : [];
    });
    const ctx = { ...outcome.ctx, lang, remarks };
    if (outcome.kind === 'acceptance')
      return {
        kind: 'acceptance',
        data: acceptanceReceipt(ctx, outcome.completeness.presented, active.calendar),
      };
    const missing = outcome.completeness.missing.map((m) => {
      const name = m.item.name[lang];
      if (isSatisfied(m.item, m)) return t('intake:notScanned', { name });
      const lacksOriginal = needsOriginal(m.item) && !m.original;
      const lacksCopy = needsCopy(m.item) && !m.copy;
      if (lacksOriginal && (lacksCopy || !needsCopy(m.item))) return name;
      if (!lacksOriginal && !lacksCopy) return name;
      return t('intake:refusal.missingPart', {
        name,
        part: t(lacksOriginal ? 'intake:refusal.noOriginal' : 'intake:refusal.noCopy'),
      });
    });
    const wording = intakeRefusalWording(ctx.service, lang) ?? t('intake:refusal.wording');
    return { kind: 'refusal', data: refusalReceipt(ctx, outcome.completeness.presented, missing, wording) };
  }, [outcome, lang, active.calendar, t]);

  const versionLine = t('intake:catalogueVersion', {
    version: active.version,
    calendar: active.calendar.version,
    source: t(`intake:catalogueSource.${active.source}`),
  });

  if (receipt)
    return (
      <>
        <p className="catalogue-version" data-testid="catalogue-version">
          {versionLine}
        </p>
        <ReceiptView
          receipt={receipt}
          onNew={() => startNew()}
          onQueue={receipt.kind === 'acceptance' ? onQueued : undefined}
        />
      </>
    );

  const applicantField = (key: keyof ApplicantDetails, required: boolean) => {
    const id = `intake-applicant-${key}`;
    const problem = text(shown(id));
    return (
      <div className="field">
        <label htmlFor={id}>
          {t(`intake:applicant.${key}`)}
          {required && (
            <span className="required" aria-hidden="true">
              {' *'}
            </span>
          )}
        </label>
        <input
          id={id}
          autoComplete="off"
          value={state.applicant[key]}
          aria-required={required}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => update({ applicant: { ...state.applicant, [key]: e.target.value } })}
          onBlur={() => touch(id)}
        />
        {problem && (
          <small id={`${id}-error`} className="error" role="alert">
            {problem}
          </small>
        )}
      </div>
    );
  };

  const idProblem =
    state.applicantId &&
    (touched.has('intake-applicant-id') || attempted || applicant.normalized.length >= 12)
      ? applicant.problem
      : null;
  const idStatus = idProblem
    ? text(idProblem)
    : applicant.problem === null && applicant.kind
      ? t(applicant.kind === 'legal-entity' ? 'intake:recognisedBin' : 'intake:recognisedIin')
      : t('intake:applicantIdHelp');
  const savedLine = autosave.failed
    ? t('intake:draftSaveFailed')
    : autosave.savedAt
      ? t('intake:draftSaved', {
          time: autosave.savedAt.toLocaleTimeString(lang === 'kk' ? 'kk-KZ' : 'ru-RU'),
        })
      : '';

  return (
    <section className="card intake" aria-labelledby="intake-title">
      <div className="intake-head">
        <h1 id="intake-title">{t('intake:title')}</h1>
        <p
          className="catalogue-version"
          data-testid="catalogue-version"
          data-version={active.version}
          data-source={active.source}
        >
          {versionLine}
        </p>
        {operator && certOperator ? (
          <p
            id="intake-operator"
            className="operator-line"
            data-testid="intake-operator"
            data-source="certificate"
          >
            {t('intake:operatorLine', { name: certOperator.name, iin: certOperator.iin })}
          </p>
        ) : (
          <p
            id="intake-operator"
            tabIndex={-1}
            className={attempted ? 'operator-line error' : 'operator-line help'}
            role={attempted ? 'alert' : undefined}
            data-testid="intake-operator-missing"
          >
            {!signedIn
              ? t('signing:ui.noOperator')
              : sessionMismatch
                ? t('signing:iinMismatch', { certificateIin: certOperator.iin, expectedIin: signedIn.iin })
                : t('intake:operatorNeedsKey')}
          </p>
        )}
        <p className="draft-status" role="status" data-testid="draft-status">
          {savedLine}
        </p>
        <div className="intake-head-actions">
          <button type="button" onClick={() => startNew()}>
            {t('intake:newApplication')}
          </button>
          {(dirty || hasContent(state)) && (
            <button type="button" className="link danger" onClick={() => void discard(draftId)}>
              {t('intake:drafts.discardCurrent')}
            </button>
          )}
        </div>
      </div>
      <DraftList
        drafts={otherDrafts}
        services={active.services}
        onResume={(d) => void resume(d)}
        onDiscard={(d) => void discard(d.id)}
      />

      <form onSubmit={check} onKeyDown={onFormKeyDown} noValidate aria-labelledby="intake-title">
        <ServicePicker
          services={active.services}
          query={state.query}
          serviceId={state.serviceId}
          onQuery={(query) => update({ query })}
          onChoose={chooseService}
          next={afterServiceRef}
          searchRef={searchRef}
          problem={text(shown('intake-service'))}
        />
        {service && <ActStatusBanner service={service} />}

        {service && (
          <fieldset className="intake-section">
            <legend>{t('intake:section.request')}</legend>
            <div className="field">
              <label htmlFor="intake-suboperation">{t('intake:subOperation')}</label>
              <select
                id="intake-suboperation"
                ref={afterServiceRef}
                value={state.subOperation}
                aria-describedby="intake-deadline"
                onChange={(e) => update({ subOperation: e.target.value, form: {}, marks: {} })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    document.getElementById('intake-applicant-id')?.focus();
                  }
                }}
              >
                {service.subOperations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name[lang]}
                  </option>
                ))}
              </select>
              {op && (
                <small id="intake-deadline" className="help" data-testid="deadline">
                  {t('intake:deadline.label', { term: termText(t, termOfDeadline(op.deadline)) })}
                </small>
              )}
            </div>
          </fieldset>
        )}

        {service && (
          <fieldset className="intake-section">
            <legend>{t('intake:section.applicant')}</legend>
            <p className="help">
              {t('intake:applicantKinds', {
                kinds: service.applicantKinds.map((k) => t(`intake:applicantKind.${k}`)).join(', '),
              })}
            </p>
            <div className="field">
              <label htmlFor="intake-applicant-id">
                {t('intake:applicantId')}
                <span className="required" aria-hidden="true">
                  {' *'}
                </span>
              </label>
              <input
                id="intake-applicant-id"
                className="mono"
                inputMode="numeric"
                autoComplete="off"
                maxLength={20}
                value={state.applicantId}
                aria-required
                aria-invalid={!!idProblem}
                aria-describedby="intake-applicant-id-status"
                onChange={(e) => update({ applicantId: e.target.value })}
                onBlur={() => touch('intake-applicant-id')}
              />
              <small
                id="intake-applicant-id-status"
                className={idProblem ? 'error' : applicant.problem === null ? 'ok' : 'help'}
                aria-live="polite"
                data-testid="applicant-id-status"
              >
                {idStatus}
              </small>
            </div>
            <div className="field-row">
              {applicant.kind === 'legal-entity' ? (
                <>
                  {applicantField('orgName', true)}
                  {applicantField('address', true)}
                </>
              ) : (
                <>
                  {applicantField('surname', true)}
                  {applicantField('name', true)}
                  {applicantField('patronymic', false)}
                </>
              )}
            </div>
            <ApplicantLookup
              draftId={draftId}
              applicantId={applicant.normalized}
              kind={applicant.problem === null ? applicant.kind : null}
              details={state.applicant}
              onFill={(details) => update({ applicant: details })}
            />
          </fieldset>
        )}

        {op && fields.length > 0 && (
          <fieldset className="intake-section">
            <legend>{t('intake:section.form')}</legend>
            <div className="field-grid">
              {fields.map((f) => (
                <FieldInput
                  key={`${op.id}-${f.key}`}
                  field={f}
                  value={state.form[f.key]}
                  error={text(shown(`intake-field-${f.key}`))}
                  onChange={(v) => update({ form: { ...state.form, [f.key]: v } })}
                  onBlur={() => touch(`intake-field-${f.key}`)}
                />
              ))}
            </div>
          </fieldset>
        )}

        {service && op && (
          <DeskPayment
            draftId={draftId}
            applicantId={applicant.normalized}
            service={service}
            subOperation={op.id}
          />
        )}

        {op && (
          <Checklist
            op={op}
            applicationId={draftId}
            scans={deskScans}
            onScans={setDeskScans}
            scanned={scannedKeys}
            marks={state.marks}
            onMark={(key, which, value) => {
              const current = state.marks[key] ?? { original: false, copy: false };
              update({ marks: { ...state.marks, [key]: { ...current, [which]: value } } });
            }}
          />
        )}

        {attempted && problems.size > 0 && (
          <p className="error" role="alert" data-testid="intake-problems">
            {t('intake:problems', { count: problems.size })}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" data-testid="check-completeness">
            {t('intake:check')}
          </button>
          <span className="help keys-hint">{t('intake:keysHint')}</span>
        </div>
      </form>

      {verdict && (
        <section
          className={verdict.complete ? 'verdict verdict-ok' : 'verdict verdict-bad'}
          aria-labelledby="verdict-title"
          data-testid="verdict"
        >
          <h2 id="verdict-title">
            {t(verdict.complete ? 'intake:verdict.complete' : 'intake:verdict.incomplete')}
          </h2>
          {!verdict.complete && (
            <ul data-testid="verdict-missing">
              {verdict.missing.map((m) => (
                <li key={m.item.key}>
                  {isSatisfied(m.item, m)
                    ? t('intake:notScanned', { name: m.item.name[lang] })
                    : m.item.name[lang]}
                </li>
              ))}
            </ul>
          )}
          {actionError && (
            <p className="error" role="alert">
              {actionError}
            </p>
          )}
          {verdict.complete && (
            <>
              <SigningGates
                headingRef={gatesRef}
                gates={gates}
                onRecord={recordOverride}
                onWithdraw={withdrawOverride}
              />
              {!gatesClear(gates) && (
                <p className="help" data-testid="gates-blocked">
                  {t('intake:gates.blockedHint')}
                </p>
              )}
            </>
          )}
          {verdict.complete && <SignerSummary />}
          <div className="actions">
            {verdict.complete ? (
              <button
                type="button"
                className="primary"
                ref={verdictRef}
                disabled={busy || !gatesClear(gates)}
                onClick={() => void accept()}
                data-testid="queue-application"
              >
                {t('intake:queue')}
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void refuse()}
                data-testid="issue-refusal"
              >
                {t('intake:refuse')}
              </button>
            )}
            <button type="button" ref={backRef} onClick={backToForm}>
              {t('intake:backToForm')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
