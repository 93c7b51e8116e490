export { collectionRoutes } from './collection-routes.ts';
export { collectionUpdateRecorder, refreshCollectionCase } from './collection-updates.ts';
export { type HandOffRequest, handOffToCollection } from './hand-off.ts';
