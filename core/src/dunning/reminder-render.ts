import { defaultTemplate, type MessageKind, type ReminderTemplate, toneOf } from './default-templates.ts';
import type { StepForDelivery } from './reminder-step.ts';
import { templateEngine } from './template-engine.ts';
import type { ReminderView } from './template-variables.ts';

/** A reminder rendered for its channel: subject (e-mail, letter), HTML (e-mail), text (all). */
export interface RenderedReminder {
  subject: string;
  html: string | null;
  text: string;
  /** Whose template it was: the step's own, or the one Kredo ships. */
  template: 'step' | 'default';
}

/**
 * Renders a reminder: the step's template for the action's language, else the shipped one for that
 * language and the step's tone (default-templates.ts). A step template with text but no subject or
 * HTML takes those parts from the shipped template. Rendering errors propagate: the strategy was
 * checked on save, so one here is a bug to see, not to hide.
 */
export async function renderReminder(
  kind: MessageKind,
  step: StepForDelivery,
  language: string,
  view: ReminderView,
): Promise<RenderedReminder> {
  const shipped = defaultTemplate(kind, language, toneOf(step));
  const own = step.templates[language];
  const template: ReminderTemplate = own ? { subject: own.subject ?? shipped.subject, ...own } : shipped;
  const engine = templateEngine('text');
  const text = (await engine.parseAndRender(template.text, view)).replace(/\n{3,}/g, '\n\n').trim();
  let html: string | null = null;
  if (kind === 'email') {
    // A step written as text only gets an HTML part of the same words, not the shipped wording.
    html = template.html
      ? await templateEngine('html').parseAndRender(template.html, view)
      : paragraphs(text);
  }
  return {
    subject: template.subject
      ? oneLine(await engine.parseAndRender(template.subject, view))
      : view.reminder.step,
    html,
    text,
    template: own ? 'step' : 'default',
  };
}

function paragraphs(text: string): string {
  const escapeHtml = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px">\n${body}\n</body></html>`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 250);
