import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

export const ID_PREFIXES = {
  tenant: 'ten',
  administration: 'adm',
  debtor: 'dbt',
  invoice: 'inv',
  payment: 'pay',
  allocation: 'alc',
  publisher: 'pub',
  publisherKey: 'key',
  installation: 'ins',
  event: 'evt',
  creditReport: 'crp',
  payLink: 'plk',
  collectionCase: 'col',
  creditCover: 'cov',
  insurerNotice: 'ntc',
  message: 'msg',
  strategy: 'dst',
  segment: 'dsg',
  dunningRun: 'drn',
  dunningAction: 'dac',
  pause: 'dps',
  task: 'tsk',
  note: 'not',
  dispute: 'dsp',
  promise: 'prm',
  paymentPlan: 'ppl',
  claimedCharge: 'chg',
  chargeAllocation: 'cha',
  chargeWaiver: 'cwv',
  request: 'req',
  portalSession: 'pts',
  portalConfirmation: 'pcf',
  portalSignIn: 'psi',
  bankStatement: 'bst',
  bankStatementEntry: 'bse',
  statementImport: 'bsi',
  reportSchedule: 'rps',
  limitCrossing: 'lcx',
  paymentChange: 'pch',
  statementMatch: 'smt',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * Opaque, prefixed, time-ordered ids (`dbt_01jd…`): a monotonic ULID body, so ids sort by creation —
 * also within one millisecond, as in a bulk import — and cursor pagination walks them with a plain index.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  if (now > lastTime) {
    lastTime = now;
    const bytes = randomBytes(16);
    // The top digit starts below 16 so that increments within a millisecond never overflow.
    lastRandom = Array.from(bytes, (b, i) => (i === 0 ? b % 16 : b % 32));
  } else {
    increment(lastRandom);
  }
  let time = '';
  let t = lastTime;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${ID_PREFIXES[kind]}_${time}${lastRandom.map((d) => ALPHABET[d]).join('')}`;
}

function increment(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if ((digits[i] as number) < 31) {
      digits[i] = (digits[i] as number) + 1;
      return;
    }
    digits[i] = 0;
  }
}

const ID_PATTERN = /^[a-z]{3}_[0-9a-hjkmnp-tv-z]{26}$/;
export function isId(kind: IdKind, value: string): boolean {
  return value.startsWith(`${ID_PREFIXES[kind]}_`) && ID_PATTERN.test(value);
}
