import { html, LitElement } from 'lit';
import { tokens } from '../tokens/tokens.ts';
import { dialogStyles } from './dialog.styles.ts';

/**
 * A modal dialog with a heading, on the platform's `<dialog>`: it keeps the focus inside while open,
 * closes on Escape, and makes the rest of the page inert. When it closes, the focus goes back to the
 * control that opened it (`show(opener)`), so keyboard users do not start over from the top.
 *
 * @slot - The dialog's content (a form, usually).
 * @csspart dialog - The `<dialog>` element.
 * @csspart heading - The heading.
 * @fires kredo-dialog-closed - When the dialog closed (Escape, or `close()`).
 */
export class KredoDialog extends LitElement {
  static override styles = [tokens, dialogStyles];
  static override properties = { heading: { type: String } };
  declare heading: string;
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.heading = '';
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog; the focus moves to its first control (or one marked autofocus). */
  async show(opener?: HTMLElement): Promise<void> {
    this.#opener = opener;
    await this.updateComplete;
    this.#dialog?.showModal();
  }

  close(): void {
    this.#dialog?.close();
  }

  override render() {
    return html`<dialog part="dialog" aria-labelledby="heading" @close=${this.#closed}>
      <h2 id="heading" part="heading">${this.heading}</h2>
      <slot></slot>
    </dialog>`;
  }

  #closed() {
    this.#opener?.focus();
    this.#opener = undefined;
    this.dispatchEvent(new CustomEvent('kredo-dialog-closed', { bubbles: true, composed: true }));
  }
}

if (!customElements.get('kredo-dialog')) customElements.define('kredo-dialog', KredoDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kredo-dialog': KredoDialog;
  }
}
