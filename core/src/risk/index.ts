export { debtorRiskSql } from './debtor-risk-sql.ts';
export { limitTimeline } from './limit-timeline.ts';
export { type LimitUse, limitUse } from './limit-use.ts';
export { BEHAVIOUR, type PaymentDelay, type PaymentDelays, paymentDelays } from './payment-delays.ts';
export { type PaymentScore, paymentScore, SCORE_POLICY } from './payment-score.ts';
export { LIMIT_EXCEEDED_EVENT, refreshAllRisk, refreshRisk } from './refresh-risk.ts';
export { RISK_TASK, RISK_TENANT_TASK } from './risk-jobs.ts';
export { riskModule } from './risk-module.ts';
