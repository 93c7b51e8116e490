export { creditCoverRoutes } from './credit-cover-routes.ts';
export {
  type AnsweredCover,
  type CoverRequest,
  currentCover,
  requestCover,
  storeRequestedCover,
} from './request-cover.ts';
