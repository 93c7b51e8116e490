import { Joi } from '../shared/joi.ts';
import { currency, isoDate, prefixedId } from '../shared/schemas.ts';

/**
 * The capability answers core accepts, as joi schemas mirroring sdk/src/capabilities.ts: a plugin's
 * answer is input like any other and is checked before anything is stored.
 */
const money = Joi.object({
  amount: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
  currency: currency.required(),
});
const instant = Joi.string().isoDate().required();

export const companyCandidates = Joi.array()
  .items(
    Joi.object({
      bureauId: Joi.string().min(1).max(200).required(),
      name: Joi.string().min(1).max(300).required(),
      registrationNumber: Joi.string().max(50),
      address: Joi.string().max(500),
    }),
  )
  .max(100)
  .required();

export const creditReport = Joi.object({
  score: Joi.number().integer().min(0).max(100).required(),
  rating: Joi.string().min(1).max(20).required(),
  suggestedLimit: money.required(),
  reportDocument: Joi.object({
    contentType: Joi.string().valid('application/pdf').required(),
    base64: Joi.string()
      .base64()
      .max(8 * 1024 * 1024),
  }),
}).required();

export const payLink = Joi.object({
  url: Joi.string()
    .uri({ scheme: ['https', 'http'] })
    .max(2000)
    .required(),
  expiresAt: instant,
  providerReference: Joi.string().min(1).max(200).required(),
}).required();

export const paymentRegistration = Joi.object({
  providerReference: Joi.string().min(1).max(200).required(),
  amount: money.required(),
  paidAt: instant,
  invoiceIds: Joi.array().items(prefixedId('inv')).min(1).max(500).required(),
});

/** Largest invoice copy core accepts, decoded. */
export const invoiceCopyMaxBytes = 10 * 1024 * 1024;

/** An invoice copy, from the `invoice.copy` filter or the invoiceCopy capability: a PDF as base64. */
export const invoiceCopy = Joi.object({
  contentType: Joi.string().valid('application/pdf').required(),
  base64: Joi.string()
    .base64()
    .max(Math.ceil(invoiceCopyMaxBytes / 3) * 4)
    .required(),
}).required();

const collectionStatus = Joi.string().valid(
  'accepted',
  'in_progress',
  'paid',
  'partially_paid',
  'closed',
  'rejected',
);

export const collectionCase = Joi.object({
  caseReference: Joi.string().min(1).max(200).required(),
}).required();

export const collectionStatusUpdate = Joi.object({
  caseReference: Joi.string().min(1).max(200).required(),
  status: collectionStatus.required(),
  collected: money,
  note: Joi.string().max(2000),
}).required();

export const cover = Joi.object({
  coverReference: Joi.string().min(1).max(200).required(),
  status: Joi.string().valid('granted', 'partial', 'refused', 'pending').required(),
  coveredAmount: money.required(),
  // A real calendar date: it is stored in a `date` column.
  validUntil: isoDate,
}).required();

export const overdueNotification = Joi.object({
  notificationReference: Joi.string().min(1).max(200).required(),
}).required();

export const messageReceipt = Joi.object({
  status: Joi.string().valid('queued', 'sent', 'delivered', 'failed').required(),
  providerMessageId: Joi.string().min(1).max(200).required(),
}).required();
