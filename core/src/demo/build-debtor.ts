// One demo debtor record from its plan entry: a name, address, registration numbers, contact and
// tags that look like what a Dutch administration's ERP exports for its customers.

import type { Channel, Contact } from '../debtors/debtor-types.ts';
import type { DebtorImportRow } from '../imports/import-rows.ts';
import {
  belgianEnterpriseNumber,
  dutchCocNumber,
  dutchEntityVatNumber,
  dutchSoleTraderVatNumber,
  germanRegisterNumber,
  germanVatNumber,
} from './identifiers.ts';
import { debtorNumber, Kind, type LedgerPlan, Role, Size } from './ledger-plan.ts';
import { type City, type Locale, localeAt } from './locales.ts';
import type { Random } from './random.ts';

export interface BuiltDebtor {
  debtor: DebtorImportRow;
  /** The family or brand name a parent lends to its children ("Van Dijk Holding" → "Van Dijk"). */
  brand: string;
}

export function buildDebtor(
  plan: LedgerPlan,
  index: number,
  random: Random,
  groupBrand?: string,
): BuiltDebtor {
  const locale = localeAt(plan.locale[index] as number);
  const city = random.pick(locale.cities);
  const kind = plan.kind[index];
  const named = nameDebtor(plan, index, locale, city, random, groupBrand);

  const debtor: DebtorImportRow = {
    // The line this record occupies in the CSV write-csv.ts produces (after the header).
    line: index + 2,
    number: debtorNumber(index),
    name: named.name,
    type: kind === Kind.consumer ? 'b2c' : 'b2b',
    addresses: [
      {
        type: 'billing',
        line1: `${random.pick(locale.streets)} ${random.int(1, 180)}${random.pick(locale.houseSuffixes)}`,
        ...(kind !== Kind.consumer && random.chance(0.12) ? { line2: random.pick(locale.line2) } : {}),
        postalCode: locale.postalCode(random.int(city.postalFrom, city.postalTo), random),
        city: city.name,
        region: city.region,
        country: locale.country,
      },
    ],
    contacts: [],
    tags: [],
    language: locale.language,
  };
  const parent = plan.parent[index] as number;
  if (parent >= 0) debtor.parentNumber = debtorNumber(parent);

  if (kind === Kind.consumer) {
    const [first, ...rest] = debtor.name.split(' ');
    const suffix = random.chance(0.3) ? random.int(1, 99) : '';
    debtor.email = `${slug(first ?? '')}.${slug(rest.join(''))}${suffix}@${random.pick(locale.freemail)}`;
    debtor.preferredChannel = random.weighted<Channel>([
      ['email', 0.6],
      ['letter', 0.15],
      ['sms', 0.15],
      ['whatsapp', 0.1],
    ]);
    // Text messages need a mobile number; others sometimes only gave their landline.
    const texts = debtor.preferredChannel === 'sms' || debtor.preferredChannel === 'whatsapp';
    debtor.phone = texts || random.chance(0.75) ? mobile(locale, random) : landline(locale, city, random);
    if (random.chance(0.5)) debtor.tags.push('webshop');
    return { debtor, brand: named.brand };
  }

  const domain = `${slug(stripLegalForm(debtor.name))}.${locale.tld}`;
  Object.assign(debtor, registration(locale, debtor.name, named.shop, random));
  debtor.email = `${random.pick(locale.mailboxes)}@${domain}`;
  debtor.phone = landline(locale, city, random);
  // International subsidiaries often ask for English correspondence.
  if (kind === Kind.business && random.chance(0.05)) debtor.language = 'en';
  debtor.preferredChannel = random.weighted<Channel>(
    kind === Kind.publicBody
      ? [
          ['email', 0.7],
          ['letter', 0.3],
        ]
      : [
          ['email', 0.85],
          ['letter', 0.1],
          ['phone', 0.05],
        ],
  );
  debtor.contacts.push(contact(locale, domain, random));
  debtor.tags.push(...tags(plan, index, locale, named.shop, random));
  return { debtor, brand: named.brand };
}

function nameDebtor(
  plan: LedgerPlan,
  index: number,
  locale: Locale,
  city: City,
  random: Random,
  groupBrand: string | undefined,
): { name: string; brand: string; shop: boolean } {
  const kind = plan.kind[index];
  const role = plan.role[index];
  if (kind === Kind.consumer) return { name: personName(locale, random), brand: '', shop: false };
  if (kind === Kind.publicBody) {
    const name = render(random.pick(locale.publicTemplates), { city: city.name, region: city.region });
    return { name, brand: '', shop: false };
  }
  const small = plan.size[index] === Size.small;
  return businessName(
    locale,
    city,
    random,
    role === Role.parent,
    role === Role.child ? groupBrand : undefined,
    small,
  );
}

function businessName(
  locale: Locale,
  city: City,
  random: Random,
  isParent: boolean,
  groupBrand: string | undefined,
  small: boolean,
): { name: string; brand: string; shop: boolean } {
  const surname = random.pick(locale.surnames);
  const vars = {
    surname,
    surname2: random.pick(locale.surnames.filter((other) => other !== surname)),
    activity: random.pick(locale.activities),
    brand: random.pick(locale.brands),
    form: random.pick(locale.legalForms),
    shop: random.pick(locale.shops),
    sign: random.pick(locale.signs),
    city: city.name,
    group: groupBrand ?? surname,
  };
  if (isParent)
    return { name: render(random.pick(locale.groupTemplates), vars), brand: surname, shop: false };
  if (groupBrand !== undefined)
    return { name: render(random.pick(locale.childTemplates), vars), brand: groupBrand, shop: false };
  if (small && random.chance(0.35))
    return { name: render(random.pick(locale.shopTemplates), vars), brand: surname, shop: true };
  return { name: render(random.pick(locale.companyTemplates), vars), brand: surname, shop: false };
}

function registration(locale: Locale, name: string, shop: boolean, random: Random): Partial<DebtorImportRow> {
  if (locale.country === 'NL') {
    // Sole proprietors got a VAT id unrelated to their citizen number in 2020; companies use the RSIN.
    const vatNumber = shop ? dutchSoleTraderVatNumber(random) : dutchEntityVatNumber(random);
    return { vatNumber, cocNumber: dutchCocNumber(random) };
  }
  if (locale.country === 'BE') {
    const enterprise = belgianEnterpriseNumber(random);
    return { vatNumber: `BE${enterprise}`, cocNumber: enterprise };
  }
  // Small German traders are often exempt (Kleinunternehmer) and not in the commercial register.
  if (shop) return random.chance(0.5) ? { vatNumber: germanVatNumber(random) } : {};
  return { vatNumber: germanVatNumber(random), cocNumber: germanRegisterNumber(random, /\bKG$/.test(name)) };
}

/**
 * The accounts-payable contact. Language and channel are left to the debtor's own, because the CSV
 * import format has no columns for them: what is generated is exactly what a CSV round trip keeps.
 */
function contact(locale: Locale, domain: string, random: Random): Contact {
  const first = random.pick(locale.firstNames);
  const surname = random.pick(locale.surnames);
  return {
    name: personName(locale, random, first, surname),
    email: `${slug(first)}.${slug(surname)}@${domain}`,
    phone: mobile(locale, random),
  };
}

function tags(plan: LedgerPlan, index: number, locale: Locale, shop: boolean, random: Random): string[] {
  const out: string[] = [];
  if (plan.size[index] === Size.keyAccount) out.push('key-account');
  if (plan.kind[index] === Kind.publicBody) out.push('public-sector');
  if (plan.role[index] === Role.parent) out.push('holding');
  if (locale.country !== 'NL') out.push('international');
  if (plan.kind[index] === Kind.business && !shop && random.chance(0.25)) out.push('credit-insured');
  if (random.chance(0.06)) out.push('new-customer');
  return out;
}

function personName(
  locale: Locale,
  random: Random,
  first = random.pick(locale.firstNames),
  surname = random.pick(locale.surnames),
): string {
  // "De Vries" stands alone, but follows a first name as "Sanne de Vries".
  const family = locale.lowercaseParticles
    ? surname.replace(/^(?:(?:Van|De|Der|Den|Het|Ter)\s)+/, (p) => p.toLowerCase())
    : surname;
  return `${first} ${family}`;
}

function landline(locale: Locale, city: City, random: Random): string {
  return `+${locale.callingCode}${city.areaCode}${random.digits(locale.landlineLength - city.areaCode.length, false)}`;
}

function mobile(locale: Locale, random: Random): string {
  return `+${locale.callingCode}${random.pick(locale.mobilePrefixes)}${random.digits(locale.mobileDigits)}`;
}

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`template "${template}" uses unknown {${key}}`);
    return value;
  });
}

const LEGAL_FORM = /\s+(?:B\.V\.|N\.V\.|V\.O\.F\.|BV|NV|CommV|SRL|SA|SC|GmbH & Co\. KG|GmbH|KG|AG)$/;

function stripLegalForm(name: string): string {
  return name.replace(LEGAL_FORM, '');
}

/** Lower-case ASCII for e-mail addresses: "Müller & Söhne" → "muellersoehne". */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}
