import { z } from 'zod';
import { identifyApplicantId } from './applicantId';
import { validateBin } from './bin';
import { validateIin } from './iin';

/**
 * Zod schemas for forms and wire formats. The issue message is the i18n key of the reason (`identity:…`),
 * also repeated in `params.reason`, so any layer can translate it.
 */
export const iinSchema = z.string().superRefine((value, ctx) => {
  const result = validateIin(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason, params: { reason: result.reason } });
});

export const binSchema = z.string().superRefine((value, ctx) => {
  const result = validateBin(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason, params: { reason: result.reason } });
});

/** Either a valid ИИН or a valid БИН. */
export const applicantIdSchema = z.string().superRefine((value, ctx) => {
  const { result } = identifyApplicantId(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason, params: { reason: result.reason } });
});
