import type { ResponseToolkit, ServerRoute } from '@hapi/hapi';
import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { actionLetterPdf, recentLetterRuns, runLettersPdf } from '../dunning/letter-files.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import type { CaughtMail, MailCatcher } from './mail-catcher.ts';

/** What a caught message's HTML may do when shown: nothing but inline styles and embedded images. */
const MAIL_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'";

/**
 * The demo's mail pages, without sign-in (the demo runs on loopback with demo data): `GET /demo/mail`
 * lists what the catcher caught, newest first, and the letters of the latest runs; `GET
 * /demo/mail/{id}` shows one message as the debtor sees it (its HTML in a sandboxed frame under a
 * strict CSP, the text part, the attachments). Refused outside demo mode.
 */
export function mailCatcherRoutes(
  catcher: MailCatcher,
  deps: { config: Pick<Config, 'mode'>; orm: Orm; tenantId: string },
): ServerRoute[] {
  if (deps.config.mode !== 'demo')
    throw new Error('the mail catcher serves only in demo mode (KREDO_MODE=demo)');
  const mailId = Joi.object({ id: Joi.string().guid().required() });
  const options = { auth: false as const };
  return [
    {
      method: 'GET',
      path: '/demo/mail',
      options,
      handler: async (_request, h) =>
        html(h, await listPage(catcher.list(), await recentLetterRuns(deps.orm, deps.tenantId))),
    },
    {
      method: 'GET',
      path: '/demo/mail/{id}',
      options: { ...options, validate: { params: mailId } },
      handler: (request, h) => {
        const mail = catcher.get(String(request.params.id));
        return mail ? html(h, messagePage(mail)) : h.response('No such message').code(404);
      },
    },
    {
      method: 'GET',
      path: '/demo/mail/{id}/html',
      options: { ...options, validate: { params: mailId } },
      handler: (request, h) => {
        const mail = catcher.get(String(request.params.id));
        if (!mail?.html) return h.response('No HTML part').code(404);
        return h
          .response(mail.html)
          .type('text/html; charset=utf-8')
          .header('content-security-policy', MAIL_CSP);
      },
    },
    {
      method: 'GET',
      path: '/demo/mail/{id}/attachments/{index}',
      options: {
        ...options,
        validate: { params: mailId.keys({ index: Joi.number().integer().min(0).required() }) },
      },
      handler: (request, h) => {
        const attachment = catcher.get(String(request.params.id))?.attachments[Number(request.params.index)];
        if (!attachment) return h.response('No such attachment').code(404);
        return h
          .response(attachment.content)
          .type(attachment.contentType)
          .header(
            'content-disposition',
            `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"`,
          )
          .header('x-content-type-options', 'nosniff');
      },
    },
    {
      method: 'GET',
      path: '/demo/letters/{actionId}.pdf',
      options: { ...options, validate: { params: Joi.object({ actionId: prefixedId('dac').required() }) } },
      handler: async (request, h) =>
        pdf(h, await actionLetterPdf(deps.orm, deps.tenantId, String(request.params.actionId))),
    },
    {
      method: 'GET',
      path: '/demo/runs/{runId}/letters.pdf',
      options: { ...options, validate: { params: Joi.object({ runId: prefixedId('drn').required() }) } },
      handler: async (request, h) =>
        pdf(h, await runLettersPdf(deps.orm, deps.tenantId, String(request.params.runId))),
    },
  ];
}

const pdf = (h: ResponseToolkit, body: Buffer) =>
  h.response(body).type('application/pdf').header('x-content-type-options', 'nosniff');
const html = (h: ResponseToolkit, body: string) =>
  h.response(body).type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP);

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const page = (title: string, body: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}iframe{width:100%;height:40rem;border:1px solid #ccc}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body>${body}</body></html>`;

function listPage(
  mails: readonly CaughtMail[],
  runs: { run_id: string; started_at: string; letters: { id: string; step: string }[] }[],
): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${esc(m.receivedAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${esc(m.to)}</td>` +
        `<td><a href="/demo/mail/${m.id}">${esc(m.subject || '(no subject)')}</a></td><td>${m.attachments.length || ''}</td></tr>`,
    )
    .join('\n');
  const letters = runs
    .map(
      (r) =>
        `<li>Run ${esc(r.run_id)} (${esc(String(r.started_at))}): <a href="/demo/runs/${r.run_id}/letters.pdf">all ${r.letters.length} letters as one PDF</a>` +
        `<ul>${r.letters.map((l) => `<li><a href="/demo/letters/${l.id}.pdf">${esc(l.step)} ${esc(l.id)}</a></li>`).join('')}</ul></li>`,
    )
    .join('\n');
  return page(
    'Kredo demo mail',
    `<h1>Mail Kredo sent (${mails.length})</h1><p>Caught by the demo's mail catcher, newest first. Nothing left this machine.</p>
<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th><th>Attachments</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Letters of the latest runs</h2>${letters ? `<ul>${letters}</ul>` : '<p>No letters yet.</p>'}`,
  );
}

function messagePage(mail: CaughtMail): string {
  const attachments = mail.attachments
    .map(
      (a, i) =>
        `<li><a href="/demo/mail/${mail.id}/attachments/${i}">${esc(a.filename)}</a> (${esc(a.contentType)})</li>`,
    )
    .join('');
  return page(
    mail.subject,
    `<p><a href="/demo/mail">← all mail</a></p><h1>${esc(mail.subject)}</h1>
<table><tr><th>From</th><td>${esc(mail.from)}</td></tr><tr><th>To</th><td>${esc(mail.to)}</td></tr>
<tr><th>Reply-To</th><td>${esc(mail.replyTo ?? '')}</td></tr><tr><th>Language</th><td>${esc(mail.language ?? '')}</td></tr>
<tr><th>Message-ID</th><td>${esc(mail.messageId ?? '')}</td></tr></table>
${mail.html ? `<h2>As the debtor sees it</h2><iframe sandbox src="/demo/mail/${mail.id}/html" title="message"></iframe>` : ''}
<h2>Text part</h2><pre>${esc(mail.text)}</pre>
${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}`,
  );
}
