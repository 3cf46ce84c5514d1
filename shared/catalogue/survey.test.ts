import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseSurveyAnswer, survey, surveySchema } from './survey';
import { normalizeSeedText, seeds } from './test-seeds';

describe('satisfaction survey', () => {
  it('has two questions with the three answers, verbatim in seeds 000, 001 and 004', () => {
    expect(() => surveySchema.parse(survey)).not.toThrow();
    expect(survey.questions).toHaveLength(2);
    for (const seed of ['000_eb18e13b5e04e00c.txt', '001_cba228d149a96c2a.txt', '004_38fc2361195363be.txt']) {
      for (const q of survey.questions) {
        expect(seeds[seed]).toContain(normalizeSeedText(q.text.kk));
        for (const a of q.answers) expect(seeds[seed]).toContain(normalizeSeedText(a.label.kk));
      }
    }
    expect(seeds['004_38fc2361195363be.txt']).toContain(normalizeSeedText(survey.title.kk));
    expect(survey.questions[0]!.answers.map((a) => a.label.kk)).toEqual([
      'қанағаттанған жоқпын',
      'ішінара қанағаттанамын',
      'қанағаттанамын',
    ]);
  });

  it('accepts a complete answer record and rejects a partial one with a localised error', () => {
    const record = {
      applicationId: 'A-2026-000123',
      serviceId: 'heritage-licence',
      answeredOn: '2026-11-25',
      language: 'kk',
      answers: { 'process-and-result': 'satisfied', information: 'partly-satisfied' },
    };
    expect(parseSurveyAnswer(record).answers.information).toBe('partly-satisfied');
    expect(() => parseSurveyAnswer({ ...record, answers: { information: 'satisfied' } })).toThrow(AppError);
    expect(() =>
      parseSurveyAnswer({ ...record, answers: { 'process-and-result': 'great', information: 'satisfied' } }),
    ).toThrow(expect.objectContaining({ code: 'catalogue:invalidSurveyAnswer' }));
  });
});
