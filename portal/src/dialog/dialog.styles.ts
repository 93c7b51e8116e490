import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    width: min(32rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25rem;
  }
`;
