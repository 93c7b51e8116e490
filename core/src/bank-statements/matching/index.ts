export { matchEntries } from './match-imported.ts';
export { matchTimeline } from './match-timeline.ts';
export { reconciliationRoutes } from './reconciliation-routes.ts';
