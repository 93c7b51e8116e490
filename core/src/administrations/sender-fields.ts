import { Joi } from '../shared/joi.ts';
import { BIC_PATTERN, normaliseIban } from './bank-account.ts';
import { LOGO_MAX_BYTES, sniffLogo } from './logo-image.ts';

/**
 * The API's fields for what reminders need from an administration, each checked where it enters:
 * the IBAN by its checksum (answered normalised, without spaces), the BIC by its shape, the logo by
 * its size and its magic bytes. `null` clears a field.
 */
export const senderFields = {
  senderName: Joi.string().trim().min(1).max(200).allow(null).description('Name reminders are signed with'),
  senderAddress: Joi.array()
    .items(Joi.string().trim().min(1).max(100))
    .max(6)
    .description("The sender's postal address, one line per entry"),
  iban: Joi.string()
    .max(42)
    .allow(null)
    .custom((value: string, helpers) => {
      const checked = normaliseIban(value);
      return checked.ok ? checked.value : helpers.message({ custom: `{{#label}} ${checked.reason}` });
    })
    .description('IBAN debtors pay into; checked (ISO 13616 mod-97) and stored without spaces'),
  bic: Joi.string()
    .max(11)
    .uppercase()
    .pattern(BIC_PATTERN)
    .allow(null)
    .description('BIC (ISO 9362) of the bank, 8 or 11 characters'),
  accountHolder: Joi.string().trim().min(1).max(70).allow(null).description('Name on the bank account'),
  logo: Joi.string()
    .allow(null)
    .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4)
    .custom((value: string, helpers) => {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value))
        return helpers.message({ custom: '{{#label}} must be base64' });
      const bytes = Buffer.from(value, 'base64');
      if (bytes.length > LOGO_MAX_BYTES) {
        return helpers.message({ custom: `{{#label}} is larger than ${LOGO_MAX_BYTES / 1024} kB` });
      }
      return sniffLogo(bytes) ? value : helpers.message({ custom: '{{#label}} must be a PNG or JPEG image' });
    })
    .description('PNG or JPEG, base64, at most 200 kB: printed on letters'),
  replyTo: Joi.string()
    .email({ tlds: { allow: false } })
    .max(254)
    .allow(null)
    .description('Where replies to reminders go'),
  signature: Joi.string().max(2000).allow(null).description('Text under every reminder'),
};

/** The sender fields as the API gives them (the logo as base64). */
export interface SenderInput {
  senderName?: string | null;
  senderAddress?: string[];
  iban?: string | null;
  bic?: string | null;
  accountHolder?: string | null;
  logo?: string | null;
  replyTo?: string | null;
  signature?: string | null;
}

/** The logo's bytes and sniffed type for the entity, when the input sets or clears it. */
export function logoColumns(logo: string | null | undefined) {
  if (logo === undefined) return {};
  if (logo === null) return { logo: null, logoType: null };
  const bytes = Buffer.from(logo, 'base64');
  return { logo: bytes, logoType: sniffLogo(bytes) };
}
