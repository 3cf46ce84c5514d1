import { z } from 'zod';

/**
 * The service catalogue is data: every regulation-specific fact (names, deadlines, steps, refusals) lives in the
 * service modules, and this schema is the contract the intake, printing and sync code rely on.
 * Kazakh text is kept as the seed has it (Latin `i` typed for `і` is normalised to `і`); Russian is our translation.
 */

export const localizedSchema = z.object({ kk: z.string().min(1), ru: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

export const isoDateSchema = z.iso.date();

const keySchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case id');
const fieldKeySchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase key');

/** Digest markers: GAP = the seed refers to text it does not contain, INF = our inference, TXT = a source defect, EXT = outside knowledge. */
export const noteSchema = z.object({
  marker: z.enum(['GAP', 'INF', 'TXT', 'EXT']),
  text: localizedSchema,
});
export type Note = z.infer<typeof noteSchema>;

export const applicantKinds = ['individual', 'legal-entity'] as const;
/** `individual` is identified by ИИН (ЖСН), `legal-entity` by БИН (БСН). */
export const applicantKindSchema = z.enum(applicantKinds);
export type ApplicantKind = z.infer<typeof applicantKindSchema>;

export const fieldTypes = [
  'text',
  'textarea',
  'date',
  'number',
  'select',
  'iin',
  'bin',
  'phone',
  'email',
  'checkbox',
] as const;

export const formFieldSchema = z
  .object({
    key: fieldKeySchema,
    type: z.enum(fieldTypes),
    required: z.boolean(),
    label: localizedSchema,
    options: z
      .array(z.object({ value: keySchema, label: localizedSchema }))
      .min(1)
      .optional(),
    validation: z
      .object({
        minLength: z.int().nonnegative().optional(),
        maxLength: z.int().positive().optional(),
        pattern: z.string().optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      })
      .optional(),
    /** Only shown for these applicant kinds; absent = all kinds the service accepts. */
    applicantKinds: z.array(applicantKindSchema).min(1).optional(),
    /** The seeds list no form fields (they defer to Standards), so most fields are ours: say so. */
    inferred: z.boolean().optional(),
    note: localizedSchema.optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined), {
    message: 'select fields, and only they, have options',
  })
  .refine((f) => f.validation?.pattern === undefined || isValidRegExp(f.validation.pattern), {
    message: 'pattern must be a valid RegExp',
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const checklistItemSchema = z
  .object({
    key: keySchema,
    name: localizedSchema,
    required: z.boolean(),
    /** What the operator must see or keep: the original shown, a copy kept, or both (copy compared with the original, original returned). */
    expect: z.enum(['original', 'copy', 'original-and-copy']),
    /** The seed defers the real list to a Standard that is not in the seeds; the item is a placeholder the centre can edit. */
    deferredToStandard: z.boolean().optional(),
    note: localizedSchema.optional(),
  })
  .refine((i) => !i.deferredToStandard || i.note !== undefined, {
    message: 'an item deferred to a Standard needs a note',
  });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/**
 * What a stated term counts and from when (the regulations differ, and a receipt must not promise more):
 * - `from-acceptance`: the term runs to the result from the day after the desk accepts the documents;
 * - `receipt-term`: the term is the time to receive the receipt for the documents, not the result;
 * - `from-registration`: the term runs from registration at the licensor, so the desk prints no final date.
 */
export const termCountsSchema = z.enum(['from-acceptance', 'receipt-term', 'from-registration']);
export type TermCounts = z.infer<typeof termCountsSchema>;

const statedDeadlineSchema = z
  .object({
    counts: termCountsSchema.default('from-acceptance'),
    amount: z.int().nonnegative(),
    unit: z.enum(['working-days', 'calendar-days']),
    /** `regulation`: stated by the seed; `inferred`: derived from it; `provisional`: the seed gives none, value pending the Standard. */
    basis: z.enum(['regulation', 'inferred', 'provisional']),
    note: localizedSchema.optional(),
  })
  .refine((d) => d.basis === 'regulation' || d.note !== undefined, {
    message: 'a deadline not stated by the regulation needs a note',
  });

/** The regulation states no term at all: receipts say so and print no due date (no invented value). */
const notStatedDeadlineSchema = z.object({
  counts: z.literal('not-stated'),
  note: localizedSchema,
});

export const deadlineSchema = z.union([notStatedDeadlineSchema, statedDeadlineSchema]);
export type Deadline = z.infer<typeof deadlineSchema>;

/** Printed forms other modules render; the id is the contract with the printing code. */
export const printedFormIds = [
  'licence',
  'permit',
  'order',
  'queue-notification',
  'referral',
  'motivated-refusal',
  'acceptance-receipt',
  'refusal-to-accept-receipt',
] as const;
export const printedFormIdSchema = z.enum(printedFormIds);
export type PrintedFormId = z.infer<typeof printedFormIdSchema>;

export const resultKinds = [
  'licence',
  'permit',
  'order',
  'queue-place',
  'referral',
  'duplicate',
  'receipt',
  'motivated-refusal',
] as const;

export const resultTypeSchema = z.object({
  kind: z.enum(resultKinds),
  name: localizedSchema,
  /** null when the result is a document the workstation only hands over (e.g. a school certificate blank). */
  printedForm: printedFormIdSchema.nullable(),
  note: localizedSchema.optional(),
});
export type ResultType = z.infer<typeof resultTypeSchema>;

export const feeSchema = z.object({
  required: z.boolean(),
  /** Where payment sits in the flow: licence fee before the request is signed, or spectrum fee after the positive decision. */
  when: z.enum(['before-signing', 'after-approval']),
  /**
   * How much, and whether any regulation says so. None of the seeds states an amount (they say *that* and *when*
   * a fee is paid), so every rate is `unsourced` today: payment evidence is recorded, never judged "short"
   * against a figure no act gives. A `regulation` rate names the clause it comes from.
   */
  rate: z.discriminatedUnion('source', [
    z.object({
      source: z.literal('regulation'),
      amountMrp: z.number().positive(),
      clause: z.string().min(1),
    }),
    z.object({ source: z.literal('unsourced'), note: localizedSchema }),
  ]),
  note: localizedSchema.optional(),
});
export type Fee = z.infer<typeof feeSchema>;

export const subOperationSchema = z.object({
  id: keySchema,
  name: localizedSchema,
  fields: z.array(formFieldSchema),
  checklist: z.array(checklistItemSchema).min(1),
  deadline: deadlineSchema,
  results: z.array(resultTypeSchema).min(1),
  fee: feeSchema.optional(),
});
export type SubOperation = z.infer<typeof subOperationSchema>;

export const actors = [
  'operator',
  'applicant',
  'state-register',
  'e-licensing',
  'provider',
  'provider-clerk',
  'provider-head',
  'provider-executor',
  'gateway',
] as const;

export const workflowStepSchema = z.object({
  id: keySchema,
  actor: z.enum(actors),
  kind: z.enum(['task', 'check', 'refusal', 'result', 'handover']),
  action: localizedSchema,
  /** As the regulation words it (e.g. «1,5 мин», «13 жұмыс күні ішінде»); absent where the seed gives none. */
  duration: localizedSchema.optional(),
  /** Empty = end of the flow. Several entries = a branch; `when` says which. */
  next: z.array(z.object({ to: keySchema, when: localizedSchema.optional() })),
  /** For refusal steps: which refusal reason is issued. */
  refusal: keySchema.optional(),
  /** The step is ours (e.g. intake the seed implies but does not describe); its text is not a seed quotation. */
  inferred: z.boolean().optional(),
});
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowSchema = z.object({
  /** `service-centre` when the regulation describes the ЦОН channel; otherwise the operator follows the provider's office flow. */
  channel: z.enum(['service-centre', 'provider-office']),
  inferred: z.boolean(),
  note: localizedSchema.optional(),
  steps: z.array(workflowStepSchema).min(1),
});

export const refusalReasonSchema = z.object({
  id: keySchema,
  stage: z.enum(['authorisation', 'intake', 'register-lookup', 'signature', 'payment', 'decision']),
  /** kk: the seed's own wording (verbatim); ru: our translation. */
  message: localizedSchema,
  clause: z.string().min(1),
});
export type RefusalReason = z.infer<typeof refusalReasonSchema>;

export const checkSchema = z.object({
  id: keySchema,
  /** The condition as the seed states it (verbatim kk). */
  condition: localizedSchema,
  onFail: keySchema,
});

export const legalActSchema = z.object({
  act: localizedSchema,
  number: z.string().min(1),
  date: isoDateSchema,
  registration: z.object({ number: z.string().min(1), date: isoDateSchema }).optional(),
});

/**
 * Whether the act behind a service is in force, as far as the data knows. Every seed act is historical: the
 * intake warns before taking an application under a repealed act or one whose status nobody has checked.
 */
export const actStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('in-force'), checkedOn: isoDateSchema, source: z.string().min(1) }),
  z.object({ state: z.literal('repealed'), on: isoDateSchema, by: localizedSchema }),
  z.object({ state: z.literal('unknown'), note: localizedSchema }),
]);
export type ActStatus = z.infer<typeof actStatusSchema>;

export const serviceSchema = z
  .object({
    id: keySchema,
    family: z.enum(['education', 'heritage', 'preschool', 'school', 'communications']),
    names: localizedSchema,
    provider: localizedSchema,
    legalBasis: legalActSchema,
    /** The Standard the regulation implements (often where the document list really lives). */
    standard: legalActSchema.optional(),
    amendments: z.array(legalActSchema.extend({ effect: localizedSchema })).optional(),
    effectiveFrom: isoDateSchema,
    actStatus: actStatusSchema,
    source: z.object({
      seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
      clause: z.string().min(1),
      digest: z.string().min(1),
    }),
    channels: z.array(z.enum(['service-centre', 'portal', 'provider-office'])).min(1),
    applicantKinds: z.array(applicantKindSchema).min(1),
    subOperations: z.array(subOperationSchema).min(1),
    workflow: workflowSchema,
    checks: z.array(checkSchema),
    refusalReasons: z.array(refusalReasonSchema).min(1),
    notes: z.array(noteSchema),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message, path: [s.id] });
    const unique = (ids: string[], what: string) => {
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) issue(`duplicate ${what} id ${dup}`);
    };
    unique(
      s.subOperations.map((o) => o.id),
      'sub-operation',
    );
    unique(
      s.workflow.steps.map((st) => st.id),
      'step',
    );
    unique(
      s.refusalReasons.map((r) => r.id),
      'refusal',
    );
    for (const op of s.subOperations) {
      unique(
        op.fields.map((f) => f.key),
        `field (${op.id})`,
      );
      unique(
        op.checklist.map((c) => c.key),
        `checklist (${op.id})`,
      );
    }
    const steps = new Set(s.workflow.steps.map((st) => st.id));
    const refusals = new Set(s.refusalReasons.map((r) => r.id));
    for (const st of s.workflow.steps) {
      for (const n of st.next) if (!steps.has(n.to)) issue(`step ${st.id} leads to unknown step ${n.to}`);
      if (st.refusal !== undefined && !refusals.has(st.refusal))
        issue(`step ${st.id} names unknown refusal ${st.refusal}`);
      if (st.kind === 'refusal' && st.refusal === undefined)
        issue(`refusal step ${st.id} names no refusal reason`);
    }
    for (const c of s.checks)
      if (!refusals.has(c.onFail)) issue(`check ${c.id} names unknown refusal ${c.onFail}`);
    if (s.actStatus.state === 'repealed' && s.actStatus.on < s.effectiveFrom)
      issue('repealed before it took effect');
  });
export type Service = z.infer<typeof serviceSchema>;

export const catalogueSchema = z
  .array(serviceSchema)
  .min(1)
  .superRefine((list, ctx) => {
    const ids = list.map((s) => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `duplicate service id ${dup}` });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
