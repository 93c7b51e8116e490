import { describe, expect, it } from 'vitest';
import { componentPage } from '../testing/component-page.ts';

const { page, errors } = await componentPage();

describe('<kredo-dialog>', () => {
  it('opens modal with its heading, takes the focus in, and gives it back to its opener on Escape', async () => {
    await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      main.innerHTML = `<h1>Dialog</h1><button id="opener">Open</button>
        <kredo-dialog heading="Promise to pay"><label>Date <input id="date" type="date"></label></kredo-dialog>`;
      const dialog = main.querySelector('kredo-dialog');
      document.addEventListener('kredo-dialog-closed', () =>
        document.body.setAttribute('data-closed', 'yes'),
      );
      main
        .querySelector('#opener')
        ?.addEventListener('click', (event) => dialog?.show(event.currentTarget as HTMLElement));
    });
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('dialog', { name: 'Promise to pay' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('date');
    // Modal: the page behind is inert.
    expect(
      await page.evaluate(
        () => document.querySelector('kredo-dialog')?.shadowRoot?.querySelector(':modal') !== null,
      ),
    ).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('opener');
    await expect.poll(() => page.evaluate(() => document.body.getAttribute('data-closed'))).toBe('yes');
    expect(errors).toEqual([]);
  });
});
