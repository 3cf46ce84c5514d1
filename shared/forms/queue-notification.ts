import { z } from 'zod';
import { formatDate, fullName } from './format';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { iin, isoDate, personName, text, verificationRef } from './schema-parts';

// «Кезектің реттік нөмірін көрсетумен есепке қою туралы хабарлама» (seed 002): the kindergarten queue place,
// issued when no pre-school organisation has a place. Its layout is an image missing from the seed, so the
// fields are those the text names (the queue sequence number) plus who and where.

export const queueNotificationSchema = z.object({
  /** Authority that keeps the queue (district education department, УО). */
  authority: text,
  /** Number of the notification / registration. */
  number: text,
  registeredAt: isoDate,
  queueNumber: z.number().int().positive(),
  child: personName.extend({ iin, birthDate: isoDate }),
  applicant: personName.extend({ iin }),
  /** Kindergartens in the applicant's order of preference. */
  preferences: z.array(text).default([]),
  signer: z.object({ position: text, name: text }).optional(),
  verificationRef,
});
export type QueueNotification = z.infer<typeof queueNotificationSchema>;
export type QueueNotificationInput = z.input<typeof queueNotificationSchema>;

export async function renderQueueNotification(
  data: QueueNotificationInput,
  options: RenderOptions,
): Promise<Uint8Array> {
  const d = parseOrThrow('queue-notification', queueNotificationSchema, data);
  const { sheet: s, t } = await openForm('queue-notification', 'queue.title', options);
  s.paragraph(d.authority, { size: 11, bold: true, align: 'center', after: 6 });
  s.divider(22);
  s.paragraph(t('queue.title'), { size: 13, bold: true, align: 'center', after: 4 });
  s.paragraph(t('queue.subtitle'), { size: 9, align: 'center', grey: true, after: 18 });
  s.field(t('queue.number'), d.number);
  s.field(t('queue.registeredAt'), formatDate(d.registeredAt));
  s.field(t('queue.queueNumber'), String(d.queueNumber), { valueSize: 13 });
  s.field(t('queue.child'), t('common.personWithIin', { fullName: fullName(d.child), iin: d.child.iin }));
  s.field(t('queue.childBirthDate'), formatDate(d.child.birthDate));
  s.field(
    t('queue.applicant'),
    t('common.personWithIin', { fullName: fullName(d.applicant), iin: d.applicant.iin }),
  );
  if (d.preferences.length > 0) {
    s.field(t('queue.preferences'), d.preferences.map((p, i) => `${i + 1}. ${p}`).join('\n'));
  }
  if (d.signer) {
    s.space(24);
    s.split(d.signer.position, d.signer.name, { bold: true }, 0.6);
  }
  verificationBlock(s, t, 'queue-notification', d.number, d.verificationRef);
  return closeForm(s, t);
}
