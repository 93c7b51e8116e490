import type { OutgoingMail } from '../mail/mailer.ts';
import type { ReportLocale } from './report-locale.ts';
import type { RenderedReport, Report } from './report-model.ts';
import type { ScheduleRow } from './schedule-store.ts';

/**
 * The mail a schedule sends for a period, in the schedule's language: to every recipient, the
 * schedule's name and the period in the subject, a short text saying what is attached and why it
 * came, the report attached.
 */
export function reportMail(
  schedule: ScheduleRow,
  report: Report,
  period: string,
  file: RenderedReport,
  { language, text, format }: ReportLocale,
): Omit<OutgoingMail, 'messageId'> {
  const lines = [
    text.mail.asOf(report.title, format.date(report.asOf)),
    ...report.parameters.map((p) => text.frame.labelled(p.label, p.value)),
    '',
    text.mail.attached(file.fileName),
    '',
    text.mail.why(text.mail.cadence[schedule.cadence], schedule.name, schedule.id),
    text.mail.optOut,
  ];
  return {
    to: schedule.recipients.join(', '),
    subject: `${schedule.name}: ${report.title} (${period})`,
    text: lines.join('\n'),
    attachments: [{ filename: file.fileName, content: file.body, contentType: file.contentType }],
    language,
  };
}
