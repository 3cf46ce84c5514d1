import { describe, expect, it } from 'vitest';
import { i18nKey, type I18nKey } from './keys';

// Compile-time checks: `npm run typecheck` fails if an @ts-expect-error below stops being an error.
const status = (s: 'ready' | 'draft') => i18nKey(`outbox:status.${s}`);
// @ts-expect-error a state without a string
const missing = (s: 'ready' | 'teleported') => i18nKey(`outbox:status.${s}`);
// @ts-expect-error an unchecked string cannot be a key
const unchecked = (s: string) => i18nKey(`outbox:status.${s}`);
const plural: I18nKey = 'intake:searchCount';

describe('i18nKey', () => {
  it('returns the key it was given', () => {
    expect(status('ready')).toBe('outbox:status.ready');
    expect(plural).toBe('intake:searchCount');
    expect([missing, unchecked].every((f) => typeof f === 'function')).toBe(true);
  });
});
