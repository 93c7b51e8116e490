export { matchEntries } from './match-imported.ts';
export { matchTimeline } from './match-timeline.ts';
export { enqueueMatching, MATCH_TASK, matchingJobs, SWEEP_TASK } from './matching-jobs.ts';
export { reconciliationRoutes } from './reconciliation-routes.ts';
