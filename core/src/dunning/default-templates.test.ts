import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATE_LANGUAGES,
  defaultTemplate,
  type MessageKind,
  toneOf,
} from './default-templates.ts';
import { templateEngine, templateError } from './template-engine.ts';
import { SAMPLE_REMINDER } from './template-variables.ts';

const kinds: MessageKind[] = ['email', 'letter', 'sms', 'whatsapp'];
const tones = ['friendly', 'firm', 'fourteen_day'] as const;

describe('the shipped reminder templates', () => {
  it('render for every kind, language and tone against the strict view (no unknown variable)', async () => {
    for (const kind of kinds)
      for (const language of DEFAULT_TEMPLATE_LANGUAGES)
        for (const tone of tones) {
          const template = defaultTemplate(kind, language, tone);
          const where = `${kind}/${language}/${tone}`;
          expect(await templateError(template.text, 'text'), where).toBeNull();
          if (template.subject) expect(await templateError(template.subject, 'text'), where).toBeNull();
          if (template.html) expect(await templateError(template.html, 'html'), where).toBeNull();
          if (kind === 'email') expect(template.html, where).toBeDefined();
        }
  });

  it('words the fourteen-day letter as art. 6:96 BW asks: fourteen days after receipt, and the costs', async () => {
    const nl = await templateEngine('text').parseAndRender(
      defaultTemplate('letter', 'nl', 'fourteen_day').text,
      SAMPLE_REMINDER,
    );
    expect(nl).toContain('binnen veertien dagen, te rekenen vanaf de dag na ontvangst van deze brief');
    expect(nl).toContain('buitengerechtelijke incassokosten');
    // The amount stated concretely, as the Hoge Raad asks of a letter to a consumer.
    expect(nl).toContain('Deze kosten bedragen € 181.50, berekend volgens het Besluit');
    const unknown = { ...SAMPLE_REMINDER, reminder: { ...SAMPLE_REMINDER.reminder, announcedCosts: null } };
    const scale = await templateEngine('text').parseAndRender(
      defaultTemplate('letter', 'nl', 'fourteen_day').text,
      unknown,
    );
    expect(scale).toContain('minimum van € 40');
    expect(scale).not.toContain('€ 181.50');
    // No calendar date for the term: one could fall inside the fourteen days the law gives.
    expect(nl).not.toContain(SAMPLE_REMINDER.reminder.payBy);
    const en = await templateEngine('text').parseAndRender(
      defaultTemplate('email', 'en', 'fourteen_day').text,
      SAMPLE_REMINDER,
    );
    expect(en).toContain('within fourteen days, counted from the day after you receive this letter');
    for (const language of ['en', 'de', 'fr']) {
      for (const kind of ['letter', 'email'] as const) {
        const text = await templateEngine('text').parseAndRender(
          defaultTemplate(kind, language, 'fourteen_day').text,
          SAMPLE_REMINDER,
        );
        expect(text, `${kind}/${language}`).toContain('€ 181.50');
      }
    }
  });

  it('lists the invoices, credits and the total, escapes HTML, and shows the pay link', async () => {
    const view = { ...SAMPLE_REMINDER, debtor: { ...SAMPLE_REMINDER.debtor, contactName: '<b>Anna</b>' } };
    const html = await templateEngine('html').parseAndRender(
      defaultTemplate('email', 'de').html as string,
      view,
    );
    expect(html).toContain('INV-2026-0001');
    expect(html).toContain('Credit note CN-2026-0002');
    expect(html).toContain('€ 1,210.00');
    expect(html).toContain('href="https://pay.example.com/pl_1"');
    expect(html).toContain('&lt;b&gt;Anna&lt;/b&gt;');
    const sms = await templateEngine('text').parseAndRender(defaultTemplate('sms', 'fr', 'firm').text, view);
    expect(sms).toContain('https://pay.example.com/pl_1');
  });

  it('is friendly first, firmer later, and the fourteen-day text where the step says so', () => {
    expect(toneOf({ index: 0 })).toBe('friendly');
    expect(toneOf({ index: 2 })).toBe('firm');
    expect(toneOf({ index: 0, fourteenDayNotice: true })).toBe('fourteen_day');
    expect(defaultTemplate('email', 'xx').subject).toBe(defaultTemplate('email', 'en').subject);
  });
});
