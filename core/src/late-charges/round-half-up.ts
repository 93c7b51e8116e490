/**
 * numerator / denominator rounded half-up to a whole number, for a non-negative numerator and a
 * positive denominator: the one rounding every charge uses (money is whole minor units). BigInt, as
 * base × rate × days passes 2^53 for large claims.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError('roundHalfUp takes a non-negative numerator and a positive denominator');
  }
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}
