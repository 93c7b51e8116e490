import { defineModule } from '../shared/kredo-module.ts';
import { noteRoutes } from './note-routes.ts';

/** Notes on debtors and their invoices. */
export const notesModule = defineModule({ name: 'notes', needs: [], routes: () => noteRoutes });
