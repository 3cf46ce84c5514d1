import { z } from 'zod';

/**
 * Everything the operator has typed or ticked, exactly as typed: this is what a draft stores, so a reload or a
 * crash restores the screen as it was. Parsed leniently (defaults everywhere) because a draft written by an older
 * build must still open.
 */
export const intakeStateSchema = z.object({
  query: z.string().default(''),
  serviceId: z.string().default(''),
  subOperation: z.string().default(''),
  applicantId: z.string().default(''),
  applicant: z
    .object({
      surname: z.string().default(''),
      name: z.string().default(''),
      patronymic: z.string().default(''),
      orgName: z.string().default(''),
      address: z.string().default(''),
    })
    .default({ surname: '', name: '', patronymic: '', orgName: '', address: '' }),
  /** Catalogue form fields by key; checkboxes hold booleans, everything else the typed string. */
  form: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
  /** Checklist marks by document key. */
  marks: z.record(z.string(), z.object({ original: z.boolean(), copy: z.boolean() })).default({}),
});
export type IntakeState = z.infer<typeof intakeStateSchema>;
export type ApplicantDetails = IntakeState['applicant'];
export type Marks = IntakeState['marks'];

export const emptyIntake = (): IntakeState => intakeStateSchema.parse({});

export function parseDraft(value: unknown): IntakeState | null {
  const parsed = intakeStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether the operator has put anything into this intake yet (a search alone does not make a draft worth keeping). */
export function hasContent(s: IntakeState): boolean {
  return (
    !!s.serviceId ||
    !!s.applicantId.trim() ||
    Object.values(s.applicant).some((v) => v.trim()) ||
    Object.values(s.form).some((v) => v !== '' && v !== false) ||
    Object.values(s.marks).some((m) => m.original || m.copy)
  );
}

/** Whether a draft already belongs to an applicant or holds typed data (then it is not switched to another service). */
export function isCommitted(s: IntakeState): boolean {
  return hasContent({ ...s, serviceId: '', marks: {} });
}
