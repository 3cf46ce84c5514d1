import { z } from 'zod';
import { AppError } from '../errors';
import { isoDateSchema, localizedSchema } from './schema';

/**
 * The quality and accessibility survey of the regulations (annex 4 of seeds 000/001, annex 4–5 of seed 004): two
 * questions, three answers each, word for word the same in every regulation. Offered when a result is handed over.
 */

export const surveyAnswerValues = ['not-satisfied', 'partly-satisfied', 'satisfied'] as const;
export const surveyAnswerValueSchema = z.enum(surveyAnswerValues);
export type SurveyAnswerValue = z.infer<typeof surveyAnswerValueSchema>;

export const surveyQuestionIds = ['process-and-result', 'information'] as const;

export const surveySchema = z.object({
  title: localizedSchema,
  questions: z
    .array(
      z.object({
        id: z.enum(surveyQuestionIds),
        text: localizedSchema,
        answers: z.array(z.object({ value: surveyAnswerValueSchema, label: localizedSchema })).length(3),
      }),
    )
    .length(2),
  source: z.string().min(1),
});
export type Survey = z.infer<typeof surveySchema>;

const answers = [
  { value: 'not-satisfied' as const, label: { kk: 'қанағаттанған жоқпын', ru: 'не удовлетворён(а)' } },
  {
    value: 'partly-satisfied' as const,
    label: { kk: 'ішінара қанағаттанамын', ru: 'частично удовлетворён(а)' },
  },
  { value: 'satisfied' as const, label: { kk: 'қанағаттанамын', ru: 'удовлетворён(а)' } },
];

export const survey: Survey = surveySchema.parse({
  title: {
    kk: 'Электрондық мемлекеттік қызметтердің «сапа» және «қолжетімділік» көрсеткіштерін анықтауға сауалнама',
    ru: 'Анкета для определения показателей «качество» и «доступность» электронных государственных услуг',
  },
  questions: [
    {
      id: 'process-and-result',
      text: {
        kk: 'Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?',
        ru: 'Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?',
      },
      answers,
    },
    {
      id: 'information',
      text: {
        kk: 'Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?',
        ru: 'Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?',
      },
      answers,
    },
  ],
  source: '000 annex 4; 001 annex 4; 004 annex 5 (annex 4 of regulation 2)',
});

/** One applicant's answers, stored locally and synced with the application they belong to. */
export const surveyAnswerSchema = z.object({
  applicationId: z.string().min(1),
  serviceId: z.string().min(1),
  answeredOn: isoDateSchema,
  language: z.enum(['kk', 'ru']),
  answers: z.object({
    'process-and-result': surveyAnswerValueSchema,
    information: surveyAnswerValueSchema,
  }),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** Validates a record before it is stored or sent; the operator sees a localised error, not a zod dump. */
export function parseSurveyAnswer(value: unknown): SurveyAnswer {
  const result = surveyAnswerSchema.safeParse(value);
  if (!result.success) throw new AppError('catalogue:invalidSurveyAnswer', undefined, result.error.message);
  return result.data;
}
