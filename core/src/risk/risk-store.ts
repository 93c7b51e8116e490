import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/index.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, money, named, prefixedId } from '../shared/schemas.ts';
import { SCORE_POLICY, type ScoreInput } from './payment-score.ts';

interface RiskColumns {
  score: number | null;
  inputs: ScoreInput[];
  paid_invoices: number;
  computed_on: string;
  computed_at: string | Date;
  limit_currency: string | null;
  limit_amount: string | null;
  limit_open: string | null;
  over_limit: boolean;
}

const limitMoney = Joi.object({ amount: minorUnits.required(), currency: currency.required() });

/** A debtor's risk as the API answers it: what `readRisk` builds. */
export const riskView = named(
  'DebtorRisk',
  Joi.object({
    debtorId: prefixedId('dbt').required(),
    paymentBehaviour: Joi.object({
      score: Joi.number()
        .integer()
        .min(0)
        .max(100)
        .allow(null)
        .required()
        .description('0–100, 100 best; null without history'),
      inputs: Joi.array()
        .items(
          named(
            'PaymentScoreInput',
            Joi.object({
              name: Joi.string()
                .valid(...Object.keys(SCORE_POLICY))
                .required(),
              value: Joi.number().allow(null).required(),
              contribution: Joi.number().integer().max(0).required().description('Points it takes off 100'),
            }),
          ),
        )
        .required(),
      paidInvoices: Joi.number()
        .integer()
        .min(0)
        .required()
        .description('Paid invoices in the last 365 days'),
      computedOn: isoDate.required(),
      computedAt: instant.required(),
    })
      .allow(null)
      .required()
      .description('Kredo’s own payment-behaviour score, as the last refresh left it; null before the first'),
    bureau: Joi.object({
      score: Joi.number().integer().required(),
      rating: Joi.string().allow(null).required(),
      limit: limitMoney.allow(null).required(),
      checkedAt: instant.allow(null).required(),
    })
      .allow(null)
      .required()
      .description('The latest credit check of a credit-bureau plugin, or null'),
    creditLimitUse: Joi.object({
      limit: money.required(),
      open: money.required().description('Open invoices less open credit notes in the limit’s currency'),
      usePercent: Joi.number().allow(null).required(),
      exceeded: Joi.boolean().required(),
    })
      .allow(null)
      .required()
      .description('Against the bureau’s limit, as of the last refresh; null without a limit'),
  }),
);

/** A debtor's stored risk beside its bureau assessment; 404 for an unknown debtor. */
export async function readRisk(em: EntityManager, debtorId: string) {
  const debtor = await readDebtor(em, debtorId);
  const [row] = await em.execute<RiskColumns[]>(
    `select score, inputs, paid_invoices, to_char(computed_on, 'YYYY-MM-DD') as computed_on, computed_at,
       limit_currency, limit_amount, limit_open, over_limit
     from debtor_risk where debtor_id = ?`,
    [debtorId],
  );
  const limitCurrency = row?.limit_currency ?? null;
  return {
    debtorId,
    paymentBehaviour: row
      ? {
          score: row.score,
          inputs: row.inputs,
          paidInvoices: row.paid_invoices,
          computedOn: row.computed_on,
          computedAt: new Date(row.computed_at),
        }
      : null,
    bureau:
      debtor.creditScore == null
        ? null
        : {
            score: debtor.creditScore,
            rating: debtor.creditRating ?? null,
            limit:
              debtor.creditLimit == null
                ? null
                : { amount: Number(debtor.creditLimit), currency: debtor.creditLimitCurrency as string },
            checkedAt: debtor.creditCheckedAt ?? null,
          },
    creditLimitUse:
      row && limitCurrency !== null
        ? {
            limit: { amount: Number(row.limit_amount), currency: limitCurrency },
            open: { amount: Number(row.limit_open), currency: limitCurrency },
            usePercent:
              Number(row.limit_amount) === 0
                ? null
                : Math.round((Number(row.limit_open) / Number(row.limit_amount)) * 1000) / 10,
            exceeded: row.over_limit,
          }
        : null,
  };
}
