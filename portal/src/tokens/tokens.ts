import { css } from 'lit';

/**
 * The design tokens every Kredo component reads: a host page themes them with the public
 * `--kredo-*` custom properties (documented on each component); components use the private `--_*`
 * ones, which carry the defaults. Custom properties inherit into shadow roots, so setting them on
 * `<kredo-portal>` themes the components inside it too. One stylesheet object, shared by every
 * component that adopts it: no bytes added per component.
 */
export const tokens = css`
  :host {
    --_font: var(--kredo-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--kredo-color-text, #1f2937);
    --_muted: var(--kredo-color-muted, #4b5563);
    --_background: var(--kredo-color-background, #ffffff);
    --_surface: var(--kredo-color-surface, #f3f4f6);
    --_border: var(--kredo-color-border, #d1d5db);
    --_primary: var(--kredo-color-primary, #1d4ed8);
    --_on-primary: var(--kredo-color-on-primary, #ffffff);
    --_danger: var(--kredo-color-danger, #b91c1c);
    --_success: var(--kredo-color-success, #166534);
    --_radius: var(--kredo-radius, 6px);
    --_space: var(--kredo-space, 0.75rem);
    --_focus: var(--kredo-color-focus, #2563eb);
  }
`;

/** Buttons as every component draws them. */
export const buttons = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.secondary {
    background: var(--_background);
    color: var(--_primary);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
