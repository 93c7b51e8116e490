import type { EntityManager } from '@mikro-orm/postgresql';
import type { DisputeLanguage } from '../disputes/index.ts';
import { templateEngine } from '../dunning/index.ts';
import { invalid } from '../shared/errors.ts';
import { CONFIRMATION_TEXTS, type ConfirmationTemplate, type TemplateKey } from './confirmation-texts.ts';
import { type ConfirmationFacts, confirmationView } from './confirmation-view.ts';

/** A tenant's own confirmation texts: per template, per language, replacing the shipped ones. */
export type TemplateOverrides = Partial<
  Record<TemplateKey, Partial<Record<DisputeLanguage, ConfirmationTemplate>>>
>;

/** The tenant's own texts (none until it sets them), under its row-level security. */
export async function readTemplateOverrides(em: EntityManager): Promise<TemplateOverrides> {
  const [row] = await em.execute<{ confirmation_templates: TemplateOverrides }[]>(
    'select confirmation_templates from portal_setting',
  );
  return row?.confirmation_templates ?? {};
}

/** Replaces the tenant's own texts, after `checkTemplates` found each renders. */
export async function writeTemplateOverrides(em: EntityManager, templates: TemplateOverrides): Promise<void> {
  await em.execute(
    `insert into portal_setting (tenant_id, confirmation_templates) values (current_setting('kredo.tenant_id'), ?::jsonb)
     on conflict (tenant_id) do update set confirmation_templates = excluded.confirmation_templates, updated_at = now()`,
    [JSON.stringify(templates)],
  );
}

/** The template a mail is written from: the tenant's own in that language, else the shipped one. */
export function chooseTemplate(
  overrides: TemplateOverrides,
  key: TemplateKey,
  language: DisputeLanguage,
): ConfirmationTemplate {
  return overrides[key]?.[language] ?? CONFIRMATION_TEXTS[key][language];
}

/**
 * Renders each of a tenant's texts against a sample of what its template sees, with strict
 * variables: one that does not parse, or names what the mail does not have, is refused naming it
 * (`templates.promise.nl.subject`), before anything is stored.
 */
export async function checkTemplates(templates: TemplateOverrides): Promise<void> {
  const engine = templateEngine('text');
  for (const [key, languages] of Object.entries(templates) as [
    TemplateKey,
    TemplateOverrides[TemplateKey],
  ][]) {
    for (const [language, template] of Object.entries(languages ?? {}) as [
      DisputeLanguage,
      ConfirmationTemplate,
    ][]) {
      const view = sampleView(key, language);
      for (const part of ['subject', 'text'] as const) {
        try {
          await engine.parseAndRender(template[part], view);
        } catch (error) {
          const reason =
            error instanceof Error ? (error.message.split('\n')[0] ?? 'does not render') : 'does not render';
          throw invalid(`templates.${key}.${language}.${part}`, `does not render: ${reason}`);
        }
      }
    }
  }
}

const invoices = [{ number: 'F-1001', openAmount: 121_00, currency: 'EUR' }];
const SAMPLE_FACTS: Record<TemplateKey, ConfirmationFacts> = {
  promise: { action: 'promise', promisedOn: '2026-12-31', amount: 121_00, currency: 'EUR', invoices },
  payment_plan: {
    action: 'payment_plan',
    currency: 'EUR',
    total: 121_00,
    frequency: 'monthly',
    instalments: [
      { dueOn: '2027-01-15', amount: 60_50 },
      { dueOn: '2027-02-15', amount: 60_50 },
    ],
    invoices,
  },
  po_number: { action: 'po_number', invoiceNumber: 'F-1001', poNumber: 'PO-4711' },
  contact_changed: {
    action: 'contact_changed',
    changes: [{ field: 'email', from: 'old@example.com', to: 'new@example.com' }],
    previousEmail: 'old@example.com',
  },
  address_changed: {
    action: 'contact_changed',
    changes: [{ field: 'email', from: 'old@example.com', to: 'new@example.com' }],
    previousEmail: 'old@example.com',
  },
  question: { action: 'question', message: 'When does the credit note come?', invoiceNumbers: ['F-1001'] },
};

function sampleView(key: TemplateKey, language: DisputeLanguage): Record<string, unknown> {
  return confirmationView(SAMPLE_FACTS[key], language, {
    debtorName: 'Bakkerij De Vries B.V.',
    debtorNumber: 'D-1001',
    creditorName: 'Kredo Demo B.V.',
    email: 'new@example.com',
  });
}
