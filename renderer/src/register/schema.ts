import { z } from 'zod';
import { checkItemSchema, registerLookupSchema } from '@shared/register/schemas';

/** A server check as stored at the desk (one row per application and kind; the latest feed item wins). */
export const localCheckSchema = checkItemSchema.extend({ receivedAt: z.string() });
export type LocalCheck = z.infer<typeof localCheckSchema>;

/** A register answer kept locally with the time the register gave it; shown with its age, never trusted alone. */
export const cachedAnswerSchema = z.object({ answer: registerLookupSchema, storedAt: z.string() });
export type CachedAnswer = z.infer<typeof cachedAnswerSchema>;
