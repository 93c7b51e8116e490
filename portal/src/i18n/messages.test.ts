import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES, pickLanguage } from './messages.ts';

describe('messages', () => {
  it('has every text in every language, none left in English by mistake', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(MESSAGES[language]).sort(), language).toEqual(keys);
      for (const [key, text] of Object.entries(MESSAGES[language])) {
        if (typeof text === 'string') expect(text.trim(), `${language}.${key}`).not.toBe('');
      }
    }
    expect(MESSAGES.nl.title).not.toBe(MESSAGES.en.title);
    expect(MESSAGES.de.overdueDays(3)).toBe('3 Tage überfällig');
    expect(MESSAGES.fr.overdueDays(1)).toBe('1 jour de retard');
    expect(MESSAGES.nl.planLimits(12, '€ 25,00')).toBe('Hoogstens 12 termijnen, elk minstens € 25,00.');
    expect(MESSAGES.de.downloadPdf('F1')).toBe('Rechnung F1 als PDF herunterladen');
  });

  it('follows the first language it speaks, region or not, else English', () => {
    expect(pickLanguage(undefined, 'nl-BE', 'de')).toBe('nl');
    expect(pickLanguage('es', 'FR')).toBe('fr');
    expect(pickLanguage(null, 'pt')).toBe('en');
  });
});
