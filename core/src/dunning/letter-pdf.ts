import { pdfFonts } from '../shared/pdf-fonts.ts';
import { LETTER_TABLE_MARKER } from './default-templates.ts';
import type { ReminderWords } from './reminder-words.ts';
import type { ReminderView } from './template-variables.ts';

/** One letter, ready to print: what letter-content.ts gathers for an action. */
export interface LetterContent {
  view: ReminderView;
  words: ReminderWords;
  logo: Buffer | null;
  /** The address window: name, for the attention of, street, postcode and city, country. */
  addressLines: string[];
  subject: string;
  /** The rendered body; `[invoices]` on a line of its own marks where the invoice table goes. */
  body: string;
  /** The EPC QR code (PNG), or null with why not (no IBAN, not euros, nothing to pay). */
  qr: Buffer | null;
}

const BODY = 'Body';
const BOLD = 'Bold';

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 56;
const RIGHT = A4.width - 56;
const BOTTOM = A4.height - 64;

/**
 * Letters as one PDF (one letter, or a run's print batch), with pdfkit: A4, the sender block with the
 * logo, the address window (left, 50 mm from the top: a DL window envelope), date and subject, the
 * body with the invoice table where the template puts it, the signature, and the EPC QR code with
 * the transfer's details beside it. Each letter starts on a page of its own.
 */
export async function lettersPdf(letters: LetterContent[]): Promise<Buffer> {
  // Loaded when letters are printed, not by every process that composes the app.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: LEFT, right: 56 },
    autoFirstPage: false,
  });
  const fonts = pdfFonts();
  doc.registerFont(BODY, fonts.body);
  doc.registerFont(BOLD, fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const letter of letters) drawLetter(doc, letter);
  if (letters.length === 0) doc.addPage();
  doc.end();
  return done;
}

function drawLetter(doc: PDFKit.PDFDocument, letter: LetterContent): void {
  const { view, words } = letter;
  doc.addPage();
  if (letter.logo) doc.image(letter.logo, LEFT, 40, { fit: [160, 60] });

  // Sender block, right.
  const sender = [
    ...view.administration.address,
    ...(view.administration.replyTo ? [view.administration.replyTo] : []),
    ...(view.administration.iban ? [`IBAN ${view.administration.iban}`] : []),
    ...(view.administration.bic ? [`BIC ${view.administration.bic}`] : []),
  ];
  doc
    .font(BOLD)
    .fontSize(10)
    .text(pdfText(view.administration.senderName), 340, 40, { width: RIGHT - 340, align: 'right' });
  doc
    .font(BODY)
    .fontSize(9)
    .text(pdfText(sender.join('\n')), { width: RIGHT - 340, align: 'right' });

  // Address window.
  doc
    .font(BODY)
    .fontSize(10)
    .text(pdfText(letter.addressLines.join('\n')), LEFT, 142, { width: 240 });

  // Date, reference, subject.
  doc.fontSize(10).text(pdfText(view.reminder.date), LEFT, 270);
  doc.text(pdfText(`${words.reference}: ${view.reminder.paymentReference}`));
  doc
    .moveDown(0.8)
    .font(BOLD)
    .text(pdfText(`${words.regarding}: ${letter.subject}`));
  doc.moveDown(0.8).font(BODY);

  const [before, after] = splitAtTable(letter.body);
  paragraphs(doc, before);
  drawTable(doc, view, words);
  paragraphs(doc, after);
  if (letter.qr) drawQr(doc, letter.qr, view, words);
}

function splitAtTable(body: string): [string, string] {
  const at = body.indexOf(LETTER_TABLE_MARKER);
  if (at < 0) return [body, ''];
  return [body.slice(0, at).trim(), body.slice(at + LETTER_TABLE_MARKER.length).trim()];
}

function paragraphs(doc: PDFKit.PDFDocument, text: string): void {
  for (const paragraph of text.split(/\n{2,}/).filter((p) => p.trim())) {
    doc
      .font(BODY)
      .fontSize(10)
      .text(pdfText(paragraph.trim()), LEFT, doc.y, { width: RIGHT - LEFT, align: 'left' });
    doc.moveDown(0.7);
  }
}

const COLUMNS = [
  { x: LEFT, width: 95, align: 'left' as const },
  { x: LEFT + 95, width: 85, align: 'left' as const },
  { x: LEFT + 180, width: 85, align: 'left' as const },
  // Wide enough for "Dagen vervallen", "Tage überfällig" and "Jours de retard" on one line.
  { x: LEFT + 265, width: 85, align: 'right' as const },
  { x: LEFT + 350, width: RIGHT - LEFT - 350, align: 'right' as const },
];

function drawTable(doc: PDFKit.PDFDocument, view: ReminderView, words: ReminderWords): void {
  const row = (cells: string[], bold = false) => {
    if (doc.y > BOTTOM - 20) doc.addPage();
    const y = doc.y;
    doc.font(bold ? BOLD : BODY).fontSize(9);
    cells.forEach((cell, i) => {
      const column = COLUMNS[i] as (typeof COLUMNS)[number];
      doc.text(pdfText(cell), column.x, y, { width: column.width, align: column.align, lineBreak: false });
    });
    doc.x = LEFT;
    doc.y = y + 14;
  };
  const rule = () =>
    doc
      .moveTo(LEFT, doc.y - 3)
      .lineTo(RIGHT, doc.y - 3)
      .lineWidth(0.5)
      .stroke();
  row([words.invoice, words.issueDate, words.dueDate, words.daysOverdue, words.openAmount], true);
  rule();
  for (const i of view.invoices) row([i.number, i.issueDate, i.dueDate, String(i.daysOverdue), i.openAmount]);
  rule();
  row([words.totalInvoices, '', '', '', view.totals.invoices]);
  for (const credit of view.credits) row([credit.description, '', '', '', credit.amount]);
  if (view.charges) {
    row([words.totalCharges, '', '', '', view.charges.total]);
    for (const line of view.charges.explanation) {
      doc
        .font(BODY)
        .fontSize(8)
        .text(pdfText(line), LEFT + 10, doc.y, { width: RIGHT - LEFT - 10 });
    }
  }
  row([words.totalDue, '', '', '', view.totals.due], true);
  doc.moveDown(1);
}

function drawQr(doc: PDFKit.PDFDocument, qr: Buffer, view: ReminderView, words: ReminderWords): void {
  // The code and its caption take 124 pt below the text: a new page only when they do not fit.
  if (doc.y + QR_BLOCK > BOTTOM) doc.addPage();
  const y = doc.y + 6;
  doc.image(qr, LEFT, y, { width: 110, height: 110 });
  const details = [
    words.scanToPay,
    `${words.totalDue}: ${view.reminder.totalDue}`,
    `IBAN ${view.administration.iban}`,
    view.administration.accountHolder,
    `${words.reference}: ${view.reminder.paymentReference}`,
  ];
  doc
    .font(BODY)
    .fontSize(9)
    .text(pdfText(details.join('\n')), LEFT + 124, y + 20, { width: RIGHT - LEFT - 124 });
  doc.x = LEFT;
  doc.y = y + QR_BLOCK - 6;
}

const QR_BLOCK = 124;

/**
 * Text as the letter prints it: Intl's narrow and thin spaces become spaces and a minus sign a hyphen
 * (what a reader copying an amount out of the PDF expects); control characters other than tab and
 * newline are dropped. Everything else prints in DejaVu Sans as written.
 */
export function pdfText(text: string): string {
  return text
    .replace(/[\u202f\u2009\u2007]/g, ' ')
    .replace(/[\u2212\u2011]/g, '-')
    .replace(/(?![\t\n])\p{Cc}/gu, '');
}
