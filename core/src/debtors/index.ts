export { debtorsModule } from './debtors-module.ts';
