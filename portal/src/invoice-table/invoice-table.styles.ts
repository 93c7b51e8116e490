import { css } from 'lit';

export const invoiceTableStyles = css`
  :host {
    display: block;
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: calc(var(--_space) / 2);
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
  }
  th {
    color: var(--_muted);
    font-weight: 600;
  }
  .amount {
    text-align: end;
  }
  .overdue {
    color: var(--_danger);
  }
`;
