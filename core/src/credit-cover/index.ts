export { creditCoverRoutes } from './credit-cover-routes.ts';
export { type CoverRequest, currentCover, requestCover } from './request-cover.ts';
