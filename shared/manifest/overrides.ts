import { z } from 'zod';

/**
 * An operator's explicit decision to accept an application although a check the law ties to acceptance did not
 * pass at the desk. It is signed into the manifest (so it is the operator's, under their certificate), printed on
 * the receipt and shown to the licensor. The reasons are a closed list so the licensor can act on them; the note
 * says what the operator actually saw.
 */
export const overrideReasons = {
  payment: ['receipt-seen-gateway-down', 'receipt-seen-not-yet-posted', 'fee-exemption-document'],
  register: ['register-unavailable-identity-seen', 'recently-registered', 'register-record-error'],
} as const;

export type OverrideCheck = keyof typeof overrideReasons;
export const overrideChecks = Object.keys(overrideReasons) as OverrideCheck[];
const allReasons = [...overrideReasons.payment, ...overrideReasons.register] as const;

export const manifestOverrideSchema = z
  .strictObject({
    check: z.enum(['payment', 'register']),
    reason: z.enum(allReasons),
    note: z.string().trim().min(3).max(500),
  })
  // a reason from the other check's list would read as nonsense to the licensor
  .refine((o) => (overrideReasons[o.check] as readonly string[]).includes(o.reason), {
    message: 'reason does not belong to this check',
    path: ['reason'],
  });
export type ManifestOverride = z.infer<typeof manifestOverrideSchema>;

export const isOverrideReason = (
  check: OverrideCheck,
  reason: string,
): reason is ManifestOverride['reason'] => (overrideReasons[check] as readonly string[]).includes(reason);
