import { defineModule } from '../shared/kredo-module.ts';
import { timelineRoute } from './timeline-route.ts';

/** A debtor's timeline: every module's entries about it merged in one list (timeline-sources.ts). */
export const timelineModule = defineModule({ name: 'timeline', needs: [], routes: () => [timelineRoute] });
