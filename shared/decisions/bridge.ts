import { z } from 'zod';

/** Merge into the host contract: `{ ...hostContract, ...decisionsBridgeMethods }`. */
export const decisionsBridgeMethods = {
  /** The licensor CA(s) this desk trusts for decisions; PEM text, public, configured on the host. */
  'decisions.trust': { args: z.object({}).strict(), result: z.object({ caPems: z.array(z.string().max(64_000)).max(10) }) },
  /**
   * Prints a PDF on the host: the named printer or the default one, silently or through the system dialog.
   * Only the Electron host can print; the loopback host answers `print:errors.hostCannotPrint`.
   */
  'print.pdf': {
    args: z
      .object({
        pdfBase64: z.string().min(1).max(60_000_000),
        printer: z.string().min(1).max(200).optional(),
        silent: z.boolean().default(false),
        title: z.string().max(200).optional(),
      })
      .strict(),
    result: z.object({ printed: z.boolean(), failureReason: z.string().optional() }),
  },
} as const;
export type DecisionsBridgeMethod = keyof typeof decisionsBridgeMethods;
