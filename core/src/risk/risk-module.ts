import { defineModule } from '../shared/kredo-module.ts';

/** Debtor risk Kredo computes itself: payment behaviour, its score and credit-limit use. */
export const riskModule = defineModule({
  name: 'risk',
  needs: [],
});
