import { quote } from './errors.ts';

// Code lists the readers validate against. Kept as data rather than asked of ICU (Intl.DisplayNames)
// so that what a file may contain does not change with the Node build.

/** ISO 3166-1 alpha-2, the 249 assigned codes, plus XK (Kosovo), which EU and bank systems use. */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
    'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
    'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
    'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
    'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
    'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
    'VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

/** ISO 639-1 two-letter language codes (the deprecated in, iw, ji, jw, mo and sh left out). */
const LANGUAGES = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv ' +
    'dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ' +
    'ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh ' +
    'mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru ' +
    'rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug ' +
    'uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/**
 * ISO 4217 currencies an invoice can be in: the circulating ones, the recently replaced ones that old
 * invoices still carry (HRK, SLL, ZWL, CUC, ANG), and the units of account CLF, UYI, UYW that are
 * invoiced in. XDR, XSU, precious metals and test codes have no minor unit and are left out.
 */
const CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
    'GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW ' +
    'KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN ' +
    'NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE ' +
    'SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU UYW UZS VED ' +
    'VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/**
 * Withdrawn ISO 4217 codes (list three) still met in old exports and bank files, each with the
 * currency that replaced it: the euro's predecessors and the recent redenominations.
 */
const WITHDRAWN: Readonly<Record<string, string>> = {
  ATS: 'EUR',
  BEF: 'EUR',
  CYP: 'EUR',
  DEM: 'EUR',
  EEK: 'EUR',
  ESP: 'EUR',
  FIM: 'EUR',
  FRF: 'EUR',
  GRD: 'EUR',
  IEP: 'EUR',
  ITL: 'EUR',
  LTL: 'EUR',
  LUF: 'EUR',
  LVL: 'EUR',
  MTL: 'EUR',
  NLG: 'EUR',
  PTE: 'EUR',
  SIT: 'EUR',
  SKK: 'EUR',
  XEU: 'EUR',
  MRO: 'MRU',
  STD: 'STN',
  VEF: 'VES',
  ZMK: 'ZMW',
};

/** Upper-case alpha-2 code, e.g. NL. */
export const isCountryCode = (code: string): boolean => COUNTRIES.has(code);
/** Lower-case alpha-2 code, e.g. nl. */
export const isLanguageCode = (code: string): boolean => LANGUAGES.has(code);
/** Upper-case alpha-3 code, e.g. EUR. */
export const isCurrencyCode = (code: string): boolean => CURRENCIES.has(code);

/** Why `value` is not a currency an amount can be in: withdrawn (naming what replaced it), or unknown. */
export function notACurrency(value: string): string {
  const replacedBy = WITHDRAWN[value.toUpperCase()];
  return replacedBy
    ? `${quote(value)} is a withdrawn currency (replaced by ${replacedBy}): amounts in it are not taken`
    : `${quote(value)} is not an ISO 4217 currency code`;
}
