export { readArrangementSettings } from './arrangement-settings.ts';
export { planTimeline, promiseTimeline } from './arrangement-timeline.ts';
export { createPlan } from './create-plan.ts';
export { makePromise } from './make-promise.ts';
export { monitorArrangements } from './monitor-arrangements.ts';
export {
  brokenArrangementsSql,
  type OutstandingArrangement,
  outstandingArrangements,
} from './outstanding-arrangements.ts';
export { FREQUENCIES, generateSchedule, periodInterest } from './plan-schedule.ts';
export { PROMISE_OUTCOMES_SQL } from './promise-outcomes.ts';
export { promisesModule } from './promises-module.ts';
