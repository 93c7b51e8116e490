import type { FakeCreditsafeCompany } from './creditsafe-fake.ts';

/** Two Dutch companies for tests: one low risk with a provider score, one without a numeric score. */
export const fixtureCompanies: FakeCreditsafeCompany[] = [
  {
    id: 'NL-X-123456780000',
    country: 'NL',
    regNo: '12345678',
    vatNo: 'NL123456789B01',
    safeNo: 'NL00123456',
    name: 'Bakkerij De Gouden Korst B.V.',
    address: {
      simpleValue: 'Dorpsstraat 1, 1234AB Utrecht',
      street: 'Dorpsstraat 1',
      city: 'Utrecht',
      postCode: '1234AB',
    },
    status: 'Active',
    rating: {
      commonValue: 'A',
      commonDescription: 'Very Low Risk',
      creditLimit: { currency: 'EUR', value: '125000' },
      providerValue: { minValue: '1', maxValue: '100', value: '86' },
      providerDescription: 'Very Low Risk',
    },
  },
  {
    id: 'NL-X-876543210000',
    country: 'NL',
    regNo: '87654321',
    name: 'Bouwbedrijf Wankel B.V.',
    address: { simpleValue: 'Havenweg 9, 3011AA Rotterdam', city: 'Rotterdam', postCode: '3011AA' },
    status: 'Active',
    rating: {
      commonValue: 'D',
      commonDescription: 'High Risk',
      creditLimit: { currency: 'EUR', value: '1500.50' },
    },
  },
];
