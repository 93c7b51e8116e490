import { defineModule } from '../shared/kredo-module.ts';
import { reportRoutes } from './report-routes.ts';

/** Reports: ageing, KPIs and the forecast as CSV, XLSX and PDF, on request and on a schedule by mail. */
export const reportsModule = defineModule({ name: 'reports', needs: [], routes: () => reportRoutes });
