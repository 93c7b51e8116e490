export { collectionModule } from './collection-module.ts';
export { collectionRoutes } from './collection-routes.ts';
export { collectionTimeline } from './collection-timeline.ts';
export { collectionUpdateRecorder } from './collection-updates.ts';
