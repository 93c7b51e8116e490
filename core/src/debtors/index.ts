export { DEBTOR_SUMMARIES_SQL, reassignCollector } from './debtor-collector.ts';
export { debtorsModule } from './debtors-module.ts';
