export {
  type FakeMolliePayment,
  type MollieFake,
  type MollieFakeOptions,
  startMollieFake,
} from './mollie-fake.ts';
