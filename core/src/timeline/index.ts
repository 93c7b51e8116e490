export { timelineModule } from './timeline-module.ts';
export { TIMELINE_SOURCES } from './timeline-sources.ts';
