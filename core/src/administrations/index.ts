export { administrationsModule } from './administrations-module.ts';
