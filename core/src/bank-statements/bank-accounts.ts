import type { EntityManager } from '@mikro-orm/postgresql';
import { findAdministrationsByIban, getAdministration, normaliseIban } from '../administrations/index.ts';
import { DomainError, invalid, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, named, prefixedId } from '../shared/schemas.ts';
import type { BankAccountRow } from './statement-rows.ts';

// Which administration a bank account's statements belong to. An account is registered on one
// administration of the tenant; an administration's own IBAN (where its debtors pay) counts as
// registered without a row here.

export interface BankAccountInput {
  administrationId: string;
  currency?: string | null;
  name?: string | null;
}

const OTHER_ID = /^[A-Za-z0-9/+.:_-]{1,34}$/;

/** An IBAN (checksum checked, no spaces, upper case) or the bank's own account id; else a 400. */
export function normaliseAccount(raw: string, field = 'account'): string {
  const compact = raw.trim();
  if (/^[A-Za-z]{2}[0-9]{2}/.test(compact)) {
    const iban = normaliseIban(compact);
    if (iban.ok) return iban.value;
    if (/^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{11,40}$/.test(compact))
      throw invalid(field, `${compact} ${iban.reason}`);
  }
  if (!OTHER_ID.test(compact))
    throw invalid(field, 'is neither an IBAN nor an account id (1–34 letters, digits or / + . : _ -)');
  return compact;
}

export const bankAccountView = named(
  'BankAccount',
  Joi.object({
    account: Joi.string().required().description('IBAN, or the bank’s own account id'),
    administrationId: prefixedId('adm').required(),
    currency: currency.allow(null).required(),
    name: Joi.string().allow(null).required(),
    createdAt: instant.required(),
  }),
);

export function presentBankAccount(row: BankAccountRow) {
  return {
    account: row.account,
    administrationId: row.administration_id,
    currency: row.currency,
    name: row.name,
    createdAt: new Date(row.created_at),
  };
}

const COLUMNS = 'account, administration_id, currency, name, created_at';

/** Registers (or updates) an account on an administration; 409 when another administration has it. */
export async function registerBankAccount(
  em: EntityManager,
  tenantId: string,
  account: string,
  input: BankAccountInput,
): Promise<BankAccountRow> {
  await getAdministration(em, input.administrationId);
  const [row] = await em.execute<BankAccountRow[]>(
    `insert into bank_account (tenant_id, account, administration_id, currency, name) values (?, ?, ?, ?, ?)
     on conflict (tenant_id, account) do update set currency = excluded.currency, name = excluded.name
       where bank_account.administration_id = excluded.administration_id
     returning ${COLUMNS}`,
    [tenantId, account, input.administrationId, input.currency ?? null, input.name ?? null],
  );
  if (!row) {
    throw new DomainError('bank_account_taken', 409, `${account} is registered on another administration`, {
      account,
    });
  }
  return row;
}

export async function listBankAccounts(
  em: EntityManager,
  administrationId?: string,
): Promise<BankAccountRow[]> {
  return em.execute<BankAccountRow[]>(
    `select ${COLUMNS} from bank_account ${administrationId ? 'where administration_id = ?' : ''} order by account`,
    administrationId ? [administrationId] : [],
  );
}

export async function removeBankAccount(em: EntityManager, account: string): Promise<void> {
  const rows = await em.execute<{ account: string }[]>(
    'delete from bank_account where account = ? returning account',
    [account],
  );
  if (rows.length === 0) throw notFound('Bank account', account);
}

/** Where an account's statements go: its registration, else the one administration with that IBAN. */
export type AccountOwner = { ok: true; administrationId: string } | { ok: false; reason: string };

export async function ownerOfAccount(em: EntityManager, account: string): Promise<AccountOwner> {
  const [registered] = await em.execute<{ administration_id: string }[]>(
    'select administration_id from bank_account where account = ?',
    [account],
  );
  if (registered) return { ok: true, administrationId: registered.administration_id };
  const owners = await findAdministrationsByIban(em, account);
  if (owners.length === 1) return { ok: true, administrationId: (owners[0] as { id: string }).id };
  if (owners.length > 1) {
    return {
      ok: false,
      reason: `account ${account} is the IBAN of ${owners.length} administrations (${owners.map((a) => a.code).join(', ')}): register it on one (PUT /api/v1/bank-accounts/{account}) or import with administrationId`,
    };
  }
  return {
    ok: false,
    reason: `account ${account} is not registered on any administration: register it (PUT /api/v1/bank-accounts/{account}), make it an administration's IBAN, or import with administrationId`,
  };
}
