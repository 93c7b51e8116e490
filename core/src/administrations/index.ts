export {
  findAdministrationsByIban,
  getAdministration,
  visibleAdministrationIds,
} from './administration-service.ts';
export { administrationsModule } from './administrations-module.ts';
export { IBAN_SHAPE, normaliseIban } from './bank-account.ts';
export { BUSINESS_DATES_SQL, businessDateOf } from './business-date.ts';
export { forEachAdministration } from './for-each-administration.ts';
