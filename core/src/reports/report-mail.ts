import type { OutgoingMail } from '../mail/mailer.ts';
import type { RenderedReport, Report } from './report-model.ts';
import type { ScheduleRow } from './schedule-store.ts';

/**
 * The mail a schedule sends for a period: to every recipient, the schedule's name and the period in
 * the subject, a short text saying what is attached and why it came, the report attached.
 */
export function reportMail(
  schedule: ScheduleRow,
  report: Report,
  period: string,
  file: RenderedReport,
): Omit<OutgoingMail, 'messageId'> {
  const lines = [
    `${report.title}, as of ${report.asOf}.`,
    ...report.parameters.map((p) => `${p.label}: ${p.value}`),
    '',
    `Attached: ${file.fileName}.`,
    '',
    `You receive this because you are on the list of the ${schedule.cadence} report schedule “${schedule.name}” (${schedule.id}) in Kredo.`,
    'Whoever manages reports in Kredo can take you off the list.',
  ];
  return {
    to: schedule.recipients.join(', '),
    subject: `${schedule.name}: ${report.title} (${period})`,
    text: lines.join('\n'),
    attachments: [{ filename: file.fileName, content: file.body, contentType: file.contentType }],
    language: 'en',
  };
}
