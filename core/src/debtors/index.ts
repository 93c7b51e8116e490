export { type DebtorByEmail, debtorsWithEmail } from './debtor-by-email.ts';
export { DEBTOR_SUMMARIES_SQL, reassignCollector } from './debtor-collector.ts';
export { debtorGroupMembers, type GroupMember } from './debtor-group.ts';
export { creditLimitsSql } from './debtor-risk.ts';
export { readDebtor, updateDebtor } from './debtor-service.ts';
export { debtorsModule } from './debtors-module.ts';
