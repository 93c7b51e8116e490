import { Migration } from '@mikro-orm/migrations';

/**
 * What a reminder needs from the administration that sends it: the sender's name and postal address
 * (a letter's sender block), the bank account debtors pay into (IBAN, BIC, holder: the payment slip
 * and the EPC QR code), a logo for letters (PNG or JPEG, at most 200 kB), the address replies go to
 * and the signature under every reminder. All optional: a letter without an IBAN has no QR code.
 * The routes check the IBAN's checksum and sniff the logo; the checks here are the last guard.
 */
export class Migration20261214020000AdministrationSender extends Migration {
  override name = 'Migration20261214020000AdministrationSender';

  override up(): void {
    this.addSql(`alter table administration
      add column sender_name text check (length(sender_name) between 1 and 200),
      add column sender_address jsonb not null default '[]' check (jsonb_typeof(sender_address) = 'array' and jsonb_array_length(sender_address) <= 6),
      add column iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      add column bic text check (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
      add column account_holder text check (length(account_holder) between 1 and 70),
      add column logo bytea check (octet_length(logo) <= 204800),
      add column logo_type text check (logo_type in ('image/png', 'image/jpeg')),
      add column reply_to text check (length(reply_to) between 3 and 254),
      add column signature text check (length(signature) <= 2000),
      add check ((logo is null) = (logo_type is null));`);
  }

  override down(): void {
    this.addSql(`alter table administration drop column sender_name, drop column sender_address,
      drop column iban, drop column bic, drop column account_holder, drop column logo, drop column logo_type,
      drop column reply_to, drop column signature;`);
  }
}
