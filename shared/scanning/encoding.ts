import type { PageEncoding } from './bridge';

/**
 * The default encoding for a checklist document: almost everything an applicant brings is text (forms,
 * certificates, diplomas), which bilevel stores at a tenth of grey JPEG; photos and plans need grey.
 */
export function defaultEncodingFor(documentKey: string): PageEncoding {
  return /photo|picture|image|plan|drawing|map/i.test(documentKey) ? 'photo' : 'text';
}
