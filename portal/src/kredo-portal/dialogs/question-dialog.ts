import { html } from 'lit';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, onSubmit } from './form-helpers.ts';
import { invoiceChoice } from './invoice-choice.ts';

/** Ask a question: a message, optionally about some invoices. */
export function questionDialog(host: DialogHost) {
  const t = host.t();
  return formDialog(
    host,
    'question',
    t.questionTitle,
    submitQuestion(host),
    t.questionSend,
    html`
      ${field(
        host,
        'question-message',
        'message',
        t.questionMessage,
        (described, invalid) =>
          html`<textarea id="question-message" name="message" rows="4" maxlength="5000" required
            aria-describedby=${described} aria-invalid=${invalid}></textarea>`,
      )}
      ${invoiceChoice(host, 'question', () => false, t.questionAbout)}`,
  );
}

const submitQuestion = (host: DialogHost) =>
  onSubmit(host, 'question', async ({ client, data }) => {
    const invoiceIds = data.getAll('invoice').map(String);
    const { taskId } = await client.askQuestion({
      message: String(data.get('message')),
      ...(invoiceIds.length > 0 && { invoiceIds }),
    });
    host.emit('kredo-question-asked', { taskId });
    return host.t().questionAsked;
  });
