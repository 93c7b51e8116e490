import type { ServerRoute } from '@hapi/hapi';

/**
 * The routes of the delivery of pending actions (letters, the print batch …): a placeholder the
 * channels part replaces with its own.
 */
export const deliveryRoutes = (_deps: object): ServerRoute[] => [];
