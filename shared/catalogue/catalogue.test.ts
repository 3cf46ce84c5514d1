import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { catalogue, catalogueSchema, catalogueVersion, getService, serviceSchema } from './index';

describe('catalogue', () => {
  it('validates every entry against the schema', () => {
    expect(() => catalogueSchema.parse(catalogue)).not.toThrow();
    for (const s of catalogue) expect(serviceSchema.safeParse(s).success, s.id).toBe(true);
  });

  it('has a version string', () => {
    expect(catalogueVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
  });

  it('finds a service by id and throws a localised error for an unknown one', () => {
    expect(getService('edu-licence-higher').id).toBe('edu-licence-higher');
    expect(() => getService('nope')).toThrow(AppError);
    try {
      getService('nope');
    } catch (e) {
      expect((e as AppError).code).toBe('catalogue:unknownService');
      expect((e as AppError).params).toEqual({ id: 'nope' });
    }
  });
});
