export { collectionModule } from './collection-module.ts';
export { collectionRoutes } from './collection-routes.ts';
export { collectionUpdateRecorder } from './collection-updates.ts';
