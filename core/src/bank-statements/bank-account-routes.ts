import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, prefixedId } from '../shared/schemas.ts';
import {
  type BankAccountInput,
  bankAccountView,
  listBankAccounts,
  normaliseAccount,
  presentBankAccount,
  registerBankAccount,
  removeBankAccount,
} from './bank-accounts.ts';

const accountParam = Joi.object({
  account: Joi.string()
    .min(1)
    .max(70)
    .required()
    .description('IBAN (spaces allowed) or the bank’s own account id'),
});

/** Which administration each bank account's statements go to. */
export const bankAccountRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/bank-accounts',
    options: {
      tags: ['api', 'bank-statements'],
      id: 'listBankAccounts',
      description: 'List the bank accounts registered on administrations',
      notes: 'An administration’s own IBAN counts as registered without being listed here.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: Joi.object({ data: Joi.array().items(bankAccountView).required() }) } },
      validate: { query: Joi.object({ administrationId: prefixedId('adm') }) },
    },
    handler: async (request) => {
      const { administrationId } = input<{ administrationId?: string }>(request.query);
      const rows = await readForRequest(request, (em) => listBankAccounts(em, administrationId));
      return { data: rows.map(presentBankAccount) };
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/bank-accounts/{account}',
    options: {
      tags: ['api', 'bank-statements'],
      id: 'registerBankAccount',
      description: 'Register a bank account on an administration, so its statements import there',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          200: bankAccountView,
          ...failures({
            400: 'Not an IBAN (or a wrong check digit) nor an account id (`invalid_request`)',
            404: 'No such administration (`administration_not_found`)',
            409: 'Registered on another administration (`bank_account_taken`): remove it there first',
          }),
        },
      },
      validate: {
        params: accountParam,
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          currency: currency.allow(null),
          name: Joi.string().trim().min(1).max(200).allow(null),
        }),
      },
    },
    handler: async (request) => {
      const account = normaliseAccount(input<{ account: string }>(request.params).account);
      const em = requestEm(request);
      const row = await em.transactional((tx) =>
        registerBankAccount(
          tx as typeof em,
          principal(request).tenantId,
          account,
          request.payload as BankAccountInput,
        ),
      );
      return presentBankAccount(row);
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/bank-accounts/{account}',
    options: {
      tags: ['api', 'bank-statements'],
      id: 'removeBankAccount',
      description: 'Unregister a bank account (its imported statements stay)',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: { 204: noContent, ...failures({ 404: 'Not registered (`bank_account_not_found`)' }) },
      },
      validate: { params: accountParam },
    },
    handler: async (request, h) => {
      const account = normaliseAccount(input<{ account: string }>(request.params).account);
      await removeBankAccount(requestEm(request), account);
      return h.response().code(204);
    },
  },
];
