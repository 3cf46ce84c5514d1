/** The shape @tus/server sends when a hook throws it: the API's usual error body with its HTTP status. */
export interface UploadRefusal {
  status_code: number;
  body: string;
}

export const refusal = (status_code: number, code: string, message: string): UploadRefusal => ({
  status_code,
  body: JSON.stringify({ error: { code, message } }),
});

export const isRefusal = (value: unknown): value is UploadRefusal =>
  typeof value === 'object' && value !== null && 'status_code' in value && 'body' in value;

export const refusalCode = (value: UploadRefusal): string =>
  (JSON.parse(value.body) as { error: { code: string } }).error.code;
