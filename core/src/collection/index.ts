export { collectionRoutes } from './collection-routes.ts';
export { collectionUpdateRecorder, refreshCollectionCase } from './collection-updates.ts';
export {
  type HandedOffCase,
  type HandOffRequest,
  handOffToCollection,
  storeCollectionCase,
} from './hand-off.ts';
