import type { EntityManager } from '@mikro-orm/postgresql';
import { templateEngine } from '../dunning/template-engine.ts';
import { invalid } from '../shared/errors.ts';
import { type AcknowledgementView, SAMPLE_ACKNOWLEDGEMENT } from './acknowledgement-view.ts';
import { DEFAULT_DISPUTE_TYPES, type DisputeType } from './default-dispute-types.ts';
import { DISPUTE_LANGUAGES, type DisputeLanguage } from './dispute-languages.ts';

/** A type as the tenant sees it: `custom` when the tenant stored its own version (else the shipped default). */
export interface TenantDisputeType extends DisputeType {
  custom: boolean;
  updatedAt: Date | null;
}

interface DisputeTypeRow {
  code: string;
  names: DisputeType['names'];
  templates: DisputeType['templates'];
  due_days: number;
  escalate_to: string | null;
  active: boolean;
  updated_at: string | Date;
}

const fromRow = (row: DisputeTypeRow): TenantDisputeType => ({
  code: row.code,
  names: row.names,
  templates: row.templates,
  dueDays: row.due_days,
  escalateTo: row.escalate_to,
  active: row.active,
  custom: true,
  updatedAt: new Date(row.updated_at),
});

const shipped = (type: DisputeType): TenantDisputeType => ({ ...type, custom: false, updatedAt: null });

/** The tenant's dispute types: the shipped defaults, each replaced by the tenant's own of the same code, then its own new codes. */
export async function listDisputeTypes(em: EntityManager): Promise<TenantDisputeType[]> {
  const rows = await em.execute<DisputeTypeRow[]>('select * from dispute_type order by code');
  const own = new Map(rows.map((row) => [row.code, fromRow(row)]));
  const defaults = DEFAULT_DISPUTE_TYPES.map((type) => own.get(type.code) ?? shipped(type));
  const added = [...own.values()].filter((type) => !DEFAULT_DISPUTE_TYPES.some((d) => d.code === type.code));
  return [...defaults, ...added];
}

export async function findDisputeType(
  em: EntityManager,
  code: string,
): Promise<TenantDisputeType | undefined> {
  const [row] = await em.execute<DisputeTypeRow[]>('select * from dispute_type where code = ?', [code]);
  if (row) return fromRow(row);
  const type = DEFAULT_DISPUTE_TYPES.find((d) => d.code === code);
  return type ? shipped(type) : undefined;
}

/**
 * Stores the tenant's version of a type (a shipped code or a new one), after rendering every template
 * against the sample acknowledgement: one that does not parse or names something an acknowledgement
 * does not have is refused with a 400 naming it (`templates.nl.text`), and nothing is stored.
 */
export async function saveDisputeType(
  em: EntityManager,
  tenantId: string,
  type: DisputeType,
  actor: string,
): Promise<TenantDisputeType> {
  for (const language of DISPUTE_LANGUAGES) {
    const template = type.templates[language];
    if (!template) continue;
    for (const field of ['subject', 'text'] as const) {
      const error = await renderError(template[field]);
      if (error) throw invalid(`templates.${language}.${field}`, error);
    }
  }
  const [row] = await em.execute<DisputeTypeRow[]>(
    `insert into dispute_type (tenant_id, code, names, templates, due_days, escalate_to, active, updated_by)
     values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
     on conflict (tenant_id, code) do update set names = excluded.names, templates = excluded.templates,
       due_days = excluded.due_days, escalate_to = excluded.escalate_to, active = excluded.active,
       updated_by = excluded.updated_by, updated_at = now()
     returning *`,
    [
      tenantId,
      type.code,
      JSON.stringify(type.names),
      JSON.stringify(type.templates),
      type.dueDays,
      type.escalateTo,
      type.active,
      actor,
    ],
  );
  return fromRow(row as DisputeTypeRow);
}

async function renderError(source: string): Promise<string | null> {
  try {
    await templateEngine('text').parseAndRender(source, SAMPLE_ACKNOWLEDGEMENT);
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'does not render') : 'does not render';
  }
}

/** The acknowledgement in `language` (the type's English template when it has none in that language). */
export async function renderAcknowledgement(
  type: DisputeType,
  language: DisputeLanguage,
  view: AcknowledgementView,
): Promise<{ subject: string; text: string }> {
  const template = type.templates[language] ?? type.templates.en;
  const engine = templateEngine('text');
  const subject = await engine.parseAndRender(template.subject, view);
  const text = await engine.parseAndRender(template.text, view);
  // A subject is one line: a template's stray newline must not become a header break.
  return { subject: subject.replace(/\s+/g, ' ').trim(), text };
}

/** The type's name in `language`, else English. */
export function typeName(type: DisputeType, language: DisputeLanguage): string {
  return type.names[language] ?? type.names.en;
}
