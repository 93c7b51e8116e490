import { TEXTS, type TemplateTexts, type Tone } from './default-template-texts.ts';

export type { Tone } from './default-template-texts.ts';

/** A reminder template: what a strategy step holds per language (subject and html for e-mail). */
export interface ReminderTemplate {
  subject?: string;
  html?: string;
  text: string;
}

export type MessageKind = 'email' | 'letter' | 'sms' | 'whatsapp';

/** The languages Kredo ships reminders in; another language falls back to English. */
export const DEFAULT_TEMPLATE_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;

/**
 * The shipped reminder for a message kind, language and tone: what a step without its own template
 * sends, and what the engine may offer as a starting point. E-mail has a subject, an HTML part (a
 * table of the invoices with credits, charges and the total) and a text part; a letter has the body
 * text (the letter's layout prints the table, the bank details and the QR code around it); SMS and
 * WhatsApp a short text with the pay link when there is one.
 */
export function defaultTemplate(
  kind: MessageKind,
  language: string,
  tone: Tone = 'friendly',
): ReminderTemplate {
  const texts = TEXTS[language as keyof typeof TEXTS] ?? TEXTS.en;
  if (kind === 'sms' || kind === 'whatsapp') return { text: texts.sms[tone] };
  if (kind === 'letter') return { subject: texts.subject[tone], text: letterBody(texts, tone) };
  return { subject: texts.subject[tone], html: emailHtml(texts, tone), text: emailText(texts, tone) };
}

/** Which shipped text a step gets: the fourteen-day letter, else friendly first and firmer after. */
export function toneOf(step: { index: number; fourteenDayNotice?: boolean }): Tone {
  if (step.fourteenDayNotice) return 'fourteen_day';
  return step.index === 0 ? 'friendly' : 'firm';
}

const signature = (t: TemplateTexts) =>
  `${t.regards}\n\n{{ administration.senderName }}{% if administration.signature != "" %}\n{{ administration.signature }}{% endif %}`;

const extraLines = '{% for line in lines %}{{ line }}\n{% endfor %}';

function letterBody(t: TemplateTexts, tone: Tone): string {
  // The letter prints the invoice table between opening and closing (letter-pdf.ts splits at the marker).
  return [
    t.greeting,
    ...t.opening[tone],
    LETTER_TABLE_MARKER,
    ...t.closing[tone],
    `${extraLines}${signature(t)}`,
  ].join('\n\n');
}

/** Where a letter's body has its invoice table: the line the layout replaces with the table. */
export const LETTER_TABLE_MARKER = '[invoices]';

function emailText(t: TemplateTexts, tone: Tone): string {
  const table = [
    `{% for invoice in invoices %}${'{{ invoice.number }}'}  ${t.table.dueDate.toLowerCase()} {{ invoice.dueDate }} ({{ invoice.daysOverdue }})  {{ invoice.openAmount }}\n{% endfor %}`,
    `{% for credit in credits %}{{ credit.description }}  {{ credit.amount }}\n{% endfor %}`,
    `{% if charges %}${t.table.charges}  {{ charges.total }}\n{% for line in charges.explanation %}  {{ line }}\n{% endfor %}{% endif %}`,
    `${t.table.due}: {{ reminder.totalDue }}`,
  ].join('');
  const links = `{% for link in links %}{{ link.label }}: {{ link.url }}\n{% endfor %}`;
  return [
    t.greeting,
    ...t.opening[tone],
    table,
    ...t.closing[tone],
    `${links}${extraLines}${signature(t)}`,
  ].join('\n\n');
}

const cell = 'style="padding:4px 8px;border-bottom:1px solid #ddd"';
const num = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:right"';

function emailHtml(t: TemplateTexts, tone: Tone): string {
  const p = (text: string) => `<p>${text}</p>`;
  const table = `<table style="border-collapse:collapse;margin:16px 0">
<thead><tr><th ${cell}>${t.table.invoice}</th><th ${cell}>${t.table.dueDate}</th><th ${num}>${t.table.daysOverdue}</th><th ${num}>${t.table.open}</th></tr></thead>
<tbody>
{% for invoice in invoices %}<tr><td ${cell}>{{ invoice.number }}</td><td ${cell}>{{ invoice.dueDate }}</td><td ${num}>{{ invoice.daysOverdue }}</td><td ${num}>{{ invoice.openAmount }}</td></tr>
{% endfor %}{% for credit in credits %}<tr><td ${cell} colspan="3">{{ credit.description }}</td><td ${num}>{{ credit.amount }}</td></tr>
{% endfor %}{% if charges %}<tr><td ${cell} colspan="3">${t.table.charges}{% for line in charges.explanation %}<br><small>{{ line }}</small>{% endfor %}</td><td ${num}>{{ charges.total }}</td></tr>
{% endif %}<tr><td ${cell} colspan="3"><strong>${t.table.due}</strong></td><td ${num}><strong>{{ reminder.totalDue }}</strong></td></tr>
</tbody></table>`;
  const links = `{% for link in links %}<p><a href="{{ link.url }}" style="display:inline-block;padding:8px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">{{ link.label }}</a></p>{% endfor %}`;
  const lines = '{% for line in lines %}<p>{{ line }}</p>{% endfor %}';
  const sign = `<p>${t.regards}<br>{{ administration.senderName }}</p>{% if administration.signature != "" %}<p style="white-space:pre-line">{{ administration.signature }}</p>{% endif %}`;
  return `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111">
${[t.greeting, ...t.opening[tone]].map(p).join('\n')}
${table}
${t.closing[tone].map(p).join('\n')}
${links}
${lines}
${sign}
</body></html>`;
}
