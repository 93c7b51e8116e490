import { describe, expect, it } from 'vitest';
import { templateEngine, templateError } from './template-engine.ts';
import { SAMPLE_REMINDER } from './template-variables.ts';

describe('reminder templates', () => {
  it('renders the documented variables, escaping HTML only in HTML', async () => {
    const view = { ...SAMPLE_REMINDER, debtor: { ...SAMPLE_REMINDER.debtor, name: 'A & <B>' } };
    const source =
      'Dear {{ debtor.name }}, {% for i in invoices %}{{ i.number }} {{ i.openAmount }}{% endfor %}';
    expect(await templateEngine('html').parseAndRender(source, view)).toBe(
      'Dear A &amp; &lt;B&gt;, INV-2026-0001 € 1,000.00',
    );
    expect(await templateEngine('text').parseAndRender(source, view)).toBe(
      'Dear A & <B>, INV-2026-0001 € 1,000.00',
    );
  });

  it('refuses unknown variables, unknown filters, syntax errors and file includes', async () => {
    expect(await templateError('{{ debtor.name }}', 'text')).toBeNull();
    expect(await templateError('{{ debtor.nmae }}', 'text')).toMatch(/undefined variable/i);
    expect(await templateError('{{ debtor.name | shout }}', 'text')).toMatch(/undefined filter/i);
    expect(await templateError('{% if debtor.name %}', 'text')).toMatch(/not closed/i);
    expect(await templateError('{% include "/etc/passwd" %}', 'text')).not.toBeNull();
    expect(await templateError('{{ debtor.constructor }}', 'text')).not.toBeNull();
  });

  it('stops a template that loops without end', async () => {
    const loop = '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}';
    expect(await templateError(loop, 'text')).toMatch(/limit/i);
  });
});
