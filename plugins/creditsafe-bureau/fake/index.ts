export {
  type CreditsafeFake,
  type CreditsafeFakeOptions,
  type FakeCreditsafeCompany,
  startCreditsafeFake,
} from './creditsafe-fake.ts';
export { fixtureCompanies } from './fixture-companies.ts';
