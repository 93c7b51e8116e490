export { DEBTOR_SUMMARIES_SQL, reassignCollector } from './debtor-collector.ts';
export { creditLimitsSql } from './debtor-risk.ts';
export { readDebtor, updateDebtor } from './debtor-service.ts';
export { debtorsModule } from './debtors-module.ts';
