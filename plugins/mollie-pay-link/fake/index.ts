export { type FakeMolliePayment, type MollieFake, startMollieFake } from './mollie-fake.ts';
