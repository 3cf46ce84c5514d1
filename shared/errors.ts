import { z } from 'zod';

/**
 * A failure the operator must understand. `code` is an i18n key ("namespace:key") present in every locale,
 * `params` fill its placeholders; `message` is an English fallback for logs only, never shown in the UI.
 */
export const appErrorSchema = z.object({
  code: z.string().regex(/^[a-z]+:[\w.-]+$/),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string().optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: string, params?: Record<string, string | number>, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toJSON(): AppErrorData {
    return { code: this.code, ...(this.params ? { params: this.params } : {}), message: this.message };
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data.code, data.params, data.message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
