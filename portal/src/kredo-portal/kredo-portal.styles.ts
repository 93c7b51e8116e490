import { css } from 'lit';

export const portalStyles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_background);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 1.4rem;
  }
  h3 {
    font-size: 1.1rem;
    margin: var(--_space) 0 calc(var(--_space) / 2);
  }
  select,
  input,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 3) calc(var(--_space) / 2);
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .currency {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: var(--_space);
    flex: 1 1 18rem;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--_space);
    margin: 0 0 calc(var(--_space) / 2);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .ageing {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9rem;
    font-variant-numeric: tabular-nums;
  }
  .ageing caption {
    text-align: start;
    color: var(--_muted);
  }
  .ageing th,
  .ageing td {
    text-align: end;
    padding: 0.15rem 0.3rem;
  }
  .actions,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin: var(--_space) 0;
  }
  .buttons {
    justify-content: flex-end;
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
    margin-block: var(--_space);
  }
  [role='tab'] {
    background: var(--_background);
    color: var(--_text);
    border: 1px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_border);
    border-bottom-color: var(--_background);
    color: var(--_primary);
    font-weight: 600;
  }
  .announcement:not(:empty) {
    border-inline-start: 4px solid var(--_success);
    background: var(--_surface);
    padding: calc(var(--_space) / 2) var(--_space);
    margin-block: var(--_space);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
  }
  fieldset label {
    display: block;
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 calc(var(--_space) / 2);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: var(--_space);
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
`;
