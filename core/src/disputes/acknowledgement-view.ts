/**
 * What a dispute type's acknowledgement template sees: the contract between the templates a credit
 * manager writes (per type and language) and the code that renders them. Amounts and dates arrive
 * formatted for the acknowledgement's language. Templates are validated on save by rendering them
 * against `SAMPLE_ACKNOWLEDGEMENT` with strict variables: a name not listed here is refused.
 */
export interface AcknowledgementView {
  debtor: {
    name: string;
    number: string;
    /** The contact who raised the dispute, or the debtor's name. */
    contactName: string;
  };
  dispute: {
    /** The dispute's id, to quote in replies. */
    reference: string;
    /** The type's name in the acknowledgement's language. */
    type: string;
    description: string;
    openedOn: string;
    /** When the debtor hears back: the dispute's due date. */
    dueOn: string;
    invoiceCount: number;
  };
  invoices: { number: string; issueDate: string; dueDate: string; amount: string; openAmount: string }[];
  administration: { name: string };
}

export const SAMPLE_ACKNOWLEDGEMENT: AcknowledgementView = {
  debtor: { name: 'Bakkerij De Vries B.V.', number: 'D-1001', contactName: 'Anna de Vries' },
  dispute: {
    reference: 'dsp_01jf0000000000000000000000',
    type: 'Quality',
    description: 'The second delivery was damaged.',
    openedOn: '23 December 2026',
    dueOn: '31 December 2026',
    invoiceCount: 1,
  },
  invoices: [
    {
      number: 'INV-2026-0001',
      issueDate: '1 October 2026',
      dueDate: '31 October 2026',
      amount: '€1,000.00',
      openAmount: '€1,000.00',
    },
  ],
  administration: { name: 'Kredo Demo B.V.' },
};
