import type { DisputeType, PlanOptions, PortalApi, PortalInvoices, PortalMe } from '../../api/portal-api.ts';
import type { KredoDialog } from '../../dialog/dialog.ts';
import type { Language, Messages } from '../../i18n/messages.ts';

export type DialogName = 'dispute' | 'promise' | 'plan' | 'po' | 'contact' | 'question' | 'pay';

/** The element's reactive state the dialogs read and set (`<kredo-portal>` has each as a property). */
export interface PortalState {
  open: PortalInvoices | undefined;
  me: PortalMe | undefined;
  disputeTypes: DisputeType[];
  planOptions: PlanOptions | undefined;
  announcement: string;
  /** A refusal about the form as a whole. */
  formError: string;
  /** Refusals naming a field (core's `field`), shown next to it. */
  fieldErrors: Record<string, string>;
  busy: boolean;
  returnUrl: string;
  readonly updateComplete: Promise<boolean>;
}

/**
 * What a dialog needs of `<kredo-portal>`: its state, its texts and language, its client for core,
 * and its ways of telling the host page. The element makes one; each dialog is a function of it.
 */
export interface DialogHost {
  readonly portal: PortalState;
  t(): Messages;
  language(): Language;
  client(): PortalApi | undefined;
  emit(type: string, detail: object): void;
  /** Dispatches on the element; false when a listener cancelled it. */
  dispatch(event: Event): boolean;
  /** An error that is not a refusal (an ended session, core unreachable) ends the widget. */
  fail(error: unknown): void;
  dialog(name: DialogName): KredoDialog | null;
}
