export {
  findAdministrationsByIban,
  getAdministration,
  visibleAdministrationIds,
} from './administration-service.ts';
export { administrationsModule } from './administrations-module.ts';
export { normaliseIban } from './bank-account.ts';
export { businessDateOf } from './business-date.ts';
