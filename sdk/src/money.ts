/** An amount of money: integer minor units (cents) and an ISO 4217 currency code. Never a float. */
export interface Money {
  /** Integer minor units: 12_50 is 12.50 in a currency with two decimals. */
  amount: number;
  /** ISO 4217 alphabetic code, upper case: `EUR`. */
  currency: string;
}
