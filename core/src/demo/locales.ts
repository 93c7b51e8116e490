// Word lists for Dutch, Flemish, Walloon and German debtors. Lists are written as `|`-separated
// text to keep them dense and readable; templates use {placeholders} filled by build-debtor.ts.

import type { Random } from './random.ts';

export type Country = 'NL' | 'BE' | 'DE';

export interface City {
  name: string;
  /** Province or federal state. */
  region: string;
  /** Postal-code range of the city (numeric part, inclusive). */
  postalFrom: number;
  postalTo: number;
  /** Landline area code without the trunk 0. */
  areaCode: string;
}

export interface Locale {
  country: Country;
  language: 'nl' | 'fr' | 'de';
  /** Digits of a national landline number after the trunk 0, area code included. */
  landlineLength: number;
  callingCode: string;
  /** Mobile prefixes after the trunk 0, and the subscriber digits that follow them. */
  mobilePrefixes: readonly string[];
  mobileDigits: number;
  tld: string;
  cities: readonly City[];
  streets: readonly string[];
  houseSuffixes: readonly string[];
  line2: readonly string[];
  firstNames: readonly string[];
  surnames: readonly string[];
  /** Dutch writes "Sanne de Vries" but "De Vries B.V.": lower-case the particles after a first name. */
  lowercaseParticles: boolean;
  activities: readonly string[];
  brands: readonly string[];
  legalForms: readonly string[];
  shops: readonly string[];
  signs: readonly string[];
  companyTemplates: readonly string[];
  shopTemplates: readonly string[];
  groupTemplates: readonly string[];
  /** Subsidiaries are told apart by their city, as groups name their branches. */
  childTemplates: readonly string[];
  publicTemplates: readonly string[];
  mailboxes: readonly string[];
  freemail: readonly string[];
  postalCode(number: number, random: Random): string;
}

const words = (text: string): readonly string[] => text.split('|');

const cities = (text: string): readonly City[] =>
  text.split('|').map((entry) => {
    const [name = '', region = '', from = '', to = '', areaCode = ''] = entry.split(';');
    return { name, region, postalFrom: Number(from), postalTo: Number(to), areaCode };
  });

// PostNL never uses F, I, O, Q, U or Y in postcode letters, nor the pairs SA, SD and SS.
const DUTCH_POSTCODE_LETTERS = 'ABCEGHJKLMNPRSTVWXZ';
function dutchPostcode(number: number, random: Random): string {
  for (;;) {
    const letters = random.pick([...DUTCH_POSTCODE_LETTERS]) + random.pick([...DUTCH_POSTCODE_LETTERS]);
    if (letters !== 'SA' && letters !== 'SD' && letters !== 'SS') return `${number} ${letters}`;
  }
}

const NL: Locale = {
  country: 'NL',
  language: 'nl',
  landlineLength: 9,
  callingCode: '31',
  mobilePrefixes: ['6'],
  mobileDigits: 8,
  tld: 'nl',
  cities: cities(
    'Amsterdam;Noord-Holland;1011;1109;20|Rotterdam;Zuid-Holland;3011;3089;10|Den Haag;Zuid-Holland;2491;2597;70|' +
      'Utrecht;Utrecht;3511;3585;30|Eindhoven;Noord-Brabant;5611;5658;40|Groningen;Groningen;9711;9747;50|' +
      'Tilburg;Noord-Brabant;5011;5049;13|Almere;Flevoland;1311;1363;36|Breda;Noord-Brabant;4811;4839;76|' +
      'Nijmegen;Gelderland;6511;6546;24|Apeldoorn;Gelderland;7311;7339;55|Haarlem;Noord-Holland;2011;2037;23|' +
      'Arnhem;Gelderland;6811;6846;26|Enschede;Overijssel;7511;7548;53|Amersfoort;Utrecht;3811;3829;33|' +
      "Zwolle;Overijssel;8011;8043;38|'s-Hertogenbosch;Noord-Brabant;5211;5248;73|Leeuwarden;Friesland;8911;8941;58|" +
      'Maastricht;Limburg;6211;6229;43|Deventer;Overijssel;7411;7429;570|Venlo;Limburg;5911;5928;77',
  ),
  streets: words(
    'Stationsstraat|Kerkstraat|Dorpsstraat|Industrieweg|Molenweg|Hoofdstraat|Schoolstraat|Marktplein|Parallelweg|' +
      'Energieweg|Nijverheidsweg|Kanaaldijk|Julianalaan|Wilhelminastraat|Havenweg|Ambachtsweg|Edisonstraat|Nieuwstraat',
  ),
  houseSuffixes: words('||||||a|b|-1|-3| A'),
  line2: words('Unit 3|Unit 12|2e verdieping|3e etage|Hal B|Gebouw Noord|Bedrijvenpark De Hoek'),
  firstNames: words('Jan|Pieter|Sanne|Lotte|Daan|Emma|Thijs|Anouk|Bram|Femke|Joost|Ruben|Inge|Sem|Eva'),
  surnames: words(
    'De Jong|Jansen|De Vries|Van den Berg|Van Dijk|Bakker|Janssen|Visser|Smit|Meijer|De Boer|Mulder|De Groot|Bos|' +
      'Vos|Peters|Hendriks|Van Leeuwen|Dekker|Brouwer|De Wit|Dijkstra|De Graaf|Van der Meer|Kok|Vermeulen|Postma',
  ),
  lowercaseParticles: true,
  activities: words(
    'Installatietechniek|Bouw|Transport|Logistiek|Schilderwerken|Elektrotechniek|Metaalbewerking|Groothandel|' +
      'Dakwerken|Hoveniers|Automatisering|Vastgoed|Schoonmaakdiensten|Catering|Machinebouw|Verhuur|Advies',
  ),
  brands: words('Noord|Zuid|Holland|Delta|Polder|Rijn|Maas|IJssel|Kempen|Veluwe|Randstad|Waddenzee'),
  legalForms: words('B.V.|B.V.|B.V.|B.V.|V.O.F.|N.V.'),
  shops: words('Bakkerij|Slagerij|Garage|Café|Bloemisterij|Drukkerij|Kapsalon|Eetcafé'),
  signs: words("De Molen|Het Anker|De Zwaan|De Gouden Leeuw|'t Hoekje|De Eendracht|Het Centrum"),
  companyTemplates: words(
    '{surname} {activity} {form}|{brand} {activity} {form}|{surname} & {surname2} {activity}',
  ),
  shopTemplates: words('{shop} {sign}|{shop} {surname}'),
  groupTemplates: words('{surname} Holding B.V.|{surname} Groep B.V.'),
  childTemplates: words('{group} {activity} {city} B.V.|{group} {city} B.V.'),
  publicTemplates: words('Gemeente {city}|Provincie {region}|Stichting Zorggroep {city}|Hogeschool {city}'),
  mailboxes: words('administratie|crediteuren|facturen|financien|boekhouding|info'),
  freemail: words('gmail.com|hotmail.com|outlook.com|ziggo.nl|kpnmail.nl|live.nl'),
  postalCode: dutchPostcode,
};

const BELGIAN_MOBILE = words('470|472|475|477|478|479|484|485|486|487|488|489|494|495|496|497|498|499');

const FLANDERS: Locale = {
  country: 'BE',
  language: 'nl',
  landlineLength: 8,
  callingCode: '32',
  mobilePrefixes: BELGIAN_MOBILE,
  mobileDigits: 6,
  tld: 'be',
  cities: cities(
    'Antwerpen;Antwerpen;2000;2060;3|Gent;Oost-Vlaanderen;9000;9052;9|Brugge;West-Vlaanderen;8000;8310;50|' +
      'Leuven;Vlaams-Brabant;3000;3012;16|Mechelen;Antwerpen;2800;2812;15|Hasselt;Limburg;3500;3512;11|' +
      'Kortrijk;West-Vlaanderen;8500;8511;56|Aalst;Oost-Vlaanderen;9300;9320;53|Brussel;Brussel;1000;1210;2|' +
      'Genk;Limburg;3600;3600;89|Roeselare;West-Vlaanderen;8800;8800;51|Sint-Niklaas;Oost-Vlaanderen;9100;9112;3',
  ),
  streets: words('Kerkstraat|Stationsstraat|Nijverheidslaan|Dorpsstraat|Molenstraat|Nieuwstraat'),
  houseSuffixes: words('|||| bus 1| bus 2| bus 11'),
  line2: words('Blok A|Gebouw C|2de verdieping'),
  firstNames: words('Lucas|Louise|Arthur|Marie|Wout|Elise|Thomas|Julie|Lien|Pieter|Sofie|Jens|An|Koen'),
  surnames: words(
    'Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Van Damme|Verstraete|Hermans|' +
      'Van den Broeck|De Backer|Claeys',
  ),
  lowercaseParticles: false,
  activities: words(
    'Bouwwerken|Transport|Elektriciteit|Schrijnwerkerij|Dakwerken|Logistiek|Installaties|Tuinaanleg|' +
      'Metaalconstructie|Groothandel|Verhuur|Consult',
  ),
  brands: words('Schelde|Kempen|Leie|Noordzee|Vlaanderen|Dender|Haspengouw'),
  legalForms: words('BV|BV|BV|NV|CommV'),
  shops: words('Bakkerij|Slagerij|Garage|Café|Bloemen|Frituur|Drukkerij|Kapsalon|Brasserie'),
  signs: words('De Molen|Het Anker|De Zwaan|Den Engel|De Kroon|Sint-Jan|Het Centrum|De Kempen'),
  companyTemplates: words(
    '{surname} {activity} {form}|{brand} {activity} {form}|{surname} & {surname2} {form}',
  ),
  shopTemplates: words('{shop} {sign}|{shop} {surname}'),
  groupTemplates: words('{surname} Groep NV|{surname} Holding NV'),
  childTemplates: words('{group} {activity} {city} BV|{group} {city} BV'),
  publicTemplates: words('Stad {city}|OCMW {city}|Provincie {region}'),
  mailboxes: words('boekhouding|facturatie|facturen|administratie|info'),
  freemail: words('gmail.com|telenet.be|skynet.be|hotmail.com|outlook.be'),
  postalCode: (number) => String(number),
};

const WALLONIA: Locale = {
  ...FLANDERS,
  language: 'fr',
  cities: cities(
    'Liège;Liège;4000;4032;4|Namur;Namur;5000;5101;81|Charleroi;Hainaut;6000;6061;71|Mons;Hainaut;7000;7034;65|' +
      'Bruxelles;Bruxelles;1000;1210;2|Wavre;Brabant wallon;1300;1301;10|Tournai;Hainaut;7500;7540;69|' +
      'Arlon;Luxembourg;6700;6706;63',
  ),
  streets: words("Rue de la Station|Rue de l'Église|Rue du Commerce|Chaussée de Namur|Rue du Moulin"),
  houseSuffixes: words('|||| boîte 2| boîte 4'),
  line2: words('Bâtiment B|2e étage|Zoning industriel'),
  firstNames: words('Olivier|Nathalie|Julien|Camille|Nicolas|Sophie|Antoine|Céline|Maxime|Isabelle'),
  surnames: words('Dubois|Lambert|Dupont|Martin|Simon|Leclercq|Laurent|Lejeune|Renard|Dumont'),
  activities: words('Construction|Transports|Électricité|Menuiserie|Toitures|Logistique|Chauffage|Jardins'),
  brands: words('de la Meuse|des Ardennes|du Hainaut|de la Sambre|du Condroz'),
  legalForms: words('SRL|SRL|SRL|SA|SC'),
  shops: words('Boulangerie|Boucherie|Garage|Café|Fleuriste|Friterie|Imprimerie|Brasserie'),
  signs: words('du Centre|de la Gare|du Moulin|Saint-Pierre|des Ardennes|de la Place|du Marché'),
  companyTemplates: words(
    '{activity} {surname} {form}|{activity} {brand} {form}|{surname} & {surname2} {form}',
  ),
  shopTemplates: words('{shop} {sign}|{shop} {surname}'),
  groupTemplates: words('Groupe {surname} SA|{surname} Holding SA'),
  childTemplates: words('{activity} {group} {city} SRL|{group} {city} SRL'),
  publicTemplates: words('Ville de {city}|CPAS de {city}|Province de {region}'),
  mailboxes: words('comptabilite|factures|finance|info'),
  freemail: words('gmail.com|skynet.be|proximus.be|hotmail.com|outlook.be'),
};

const GERMANY: Locale = {
  country: 'DE',
  language: 'de',
  landlineLength: 10,
  callingCode: '49',
  mobilePrefixes: words('151|152|157|160|162|163|170|171|172|173|174|175|176|177|178|179'),
  mobileDigits: 8,
  tld: 'de',
  cities: cities(
    'Berlin;Berlin;10115;14199;30|Hamburg;Hamburg;20095;22769;40|München;Bayern;80331;81929;89|' +
      'Köln;Nordrhein-Westfalen;50667;51149;221|Frankfurt am Main;Hessen;60306;60599;69|' +
      'Stuttgart;Baden-Württemberg;70173;70629;711|Düsseldorf;Nordrhein-Westfalen;40210;40629;211|' +
      'Dortmund;Nordrhein-Westfalen;44135;44388;231|Leipzig;Sachsen;4103;4357;341|Bremen;Bremen;28195;28779;421|' +
      'Hannover;Niedersachsen;30159;30669;511|Aachen;Nordrhein-Westfalen;52062;52080;241|' +
      'Münster;Nordrhein-Westfalen;48143;48167;251|Kleve;Nordrhein-Westfalen;47533;47559;2821',
  ),
  streets: words('Hauptstraße|Bahnhofstraße|Industriestraße|Gartenstraße|Schulstraße|Lindenstraße|Am Markt'),
  houseSuffixes: words('|||||a|b'),
  line2: words('Gebäude B|Halle 4|3. OG|Hinterhaus'),
  firstNames: words('Lukas|Anna|Felix|Laura|Jonas|Lea|Maximilian|Sophie|Stefan|Katrin|Thomas|Sabine'),
  surnames: words(
    'Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|Richter|Klein|Wolf|Schröder|' +
      'Neumann|Zimmermann|Braun|Krüger|Hartmann|Lange',
  ),
  lowercaseParticles: false,
  activities: words(
    'Logistik|Bau|Elektrotechnik|Maschinenbau|Haustechnik|Spedition|Metallbau|Gebäudereinigung|Software|' +
      'Großhandel|Anlagenbau',
  ),
  brands: words('Nord|Süd|Rhein|Main|Elbe|Alpen|Ruhr|Weser|Niederrhein'),
  legalForms: words('GmbH|GmbH|GmbH|GmbH & Co. KG|KG|AG'),
  shops: words('Bäckerei|Metzgerei|Autohaus|Gasthaus|Blumen|Druckerei|Friseursalon|Fahrradhaus'),
  signs: words('Zur Post|Am Markt|Zum Löwen|Am Rathaus'),
  companyTemplates: words('{surname} {activity} {form}|{brand} {activity} {form}|{surname} & Söhne {form}'),
  shopTemplates: words('{shop} {surname}|{shop} {sign}'),
  groupTemplates: words('{surname} Holding GmbH|{surname} Gruppe AG'),
  childTemplates: words('{group} {activity} {city} GmbH|{group} {city} GmbH'),
  publicTemplates: words('Stadt {city}|Stadtwerke {city} GmbH|Landratsamt {city}'),
  mailboxes: words('buchhaltung|rechnungen|finanzen|kreditoren|info'),
  freemail: words('gmail.com|web.de|gmx.de|t-online.de|outlook.de'),
  postalCode: (number) => String(number).padStart(5, '0'),
};

/** Where a Dutch administration's debtors are, by share. */
export const LOCALES: readonly (readonly [Locale, number])[] = [
  [NL, 0.7],
  [FLANDERS, 0.12],
  [WALLONIA, 0.06],
  [GERMANY, 0.12],
];

export function localeAt(index: number): Locale {
  const entry = LOCALES[index];
  if (!entry) throw new RangeError(`no locale at index ${index}`);
  return entry[0];
}
