// The debtor's vocabulary: what the entity stores, and what imports and the API read into it.

/** A business (`b2b`) or a consumer (`b2c`): decides which late-payment rules apply. */
export const DEBTOR_TYPES = ['b2b', 'b2c'] as const;
export type DebtorType = (typeof DEBTOR_TYPES)[number];

/** How a debtor, or one of its contacts, prefers to be reached. */
export const CHANNELS = ['email', 'letter', 'sms', 'whatsapp', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ADDRESS_TYPES = ['billing', 'postal', 'visit'] as const;

export interface Address {
  type: (typeof ADDRESS_TYPES)[number];
  line1: string;
  line2?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
}

export interface Contact {
  name?: string;
  role?: string;
  email?: string;
  phone?: string;
  /** BCP 47 primary language: nl, en, de, fr … */
  language?: string;
  preferredChannel?: Channel;
}
