export {
  type AllocationLine,
  allocateWithCharges,
  type ChargesAllocation,
  type Claim,
  type ClaimInvoice,
  type ClaimPart,
  claimOf,
} from './allocate-with-charges.ts';
export { chargeAllocatedSql, chargesPaidSinceSql } from './charge-allocated-sql.ts';
export {
  type ChargeAllocation,
  chargeAllocationsOf,
  chargeAllocationView,
  settleCharges,
  splitOverCharges,
} from './charge-allocations.ts';
export { CHARGE_LANGUAGES, type ChargeLanguage, explainCharges } from './charge-explanation.ts';
export {
  CHARGE_PARTS,
  type ChargePart,
  type ClaimedPart,
  claimedParts,
  type StatedCharges,
} from './charge-parts.ts';
export { chargeTimeline } from './charge-timeline.ts';
export { type ClaimedChargeView, listDebtorCharges } from './charge-view.ts';
export {
  type ChargesPolicy,
  type ChargesStep,
  type CompensationOption,
  checkChargesPolicy,
  type InterestOption,
  type PolicyProblem,
} from './charges-policy.ts';
export { type ChargeClaim, claimCharges, earlierCharges } from './claim-charges.ts';
export type { CompensationCharge } from './claim-compensation.ts';
export { euFixedCompensation, type WikCosts, wikCosts } from './compensation.ts';
export {
  type ChargeableInvoice,
  type ChargesInput,
  type ChargesResult,
  computeCharges,
  type InterestBasis,
  type InvoiceChargeStatus,
  type InvoiceCharges,
} from './compute-charges.ts';
export { costsChargeableFrom, noticeReceivedOn } from './fourteen-day-notice.ts';
export { computeInterest, type InterestPeriod, type InterestResult } from './interest.ts';
export { invoicesWithOpenCharges } from './invoices-with-open-charges.ts';
export { lateChargesModule } from './late-charges-module.ts';
export { listRates, readRates, readRateTables } from './rate-store.ts';
export {
  RATE_KINDS,
  type RateEntry,
  type RateKind,
  RateMissingError,
  type RateTables,
} from './rate-table.ts';
export { type EarlierCharge, type RestatedCharges, restateCharges } from './restate-charges.ts';
export {
  type OpenCharge,
  type PaymentSplit,
  type RequestedAllocation,
  splitPayment,
} from './split-payment.ts';
export { shippedRates } from './statutory-rates.ts';
export { unsettleCharges } from './unsettle-charges.ts';
export { type WaiverInput, waiveCharge } from './waive-charge.ts';
