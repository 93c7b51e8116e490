import { Administration } from '../administrations/administration.entity.ts';
import { Debtor } from '../debtors/debtor.entity.ts';
import { Invoice } from '../invoices/invoice.entity.ts';
import { Allocation, Payment } from '../payments/payment.entity.ts';
import { Tenant } from '../tenants/tenant.entity.ts';

export const entities = [Tenant, Administration, Debtor, Invoice, Payment, Allocation];
