/**
 * The sign-in pages' only stylesheet, served at STYLESHEET_PATH (CSP style-src 'self': no inline
 * style anywhere). Colours meet WCAG AA: text #1b1f24 on #ffffff (16:1), buttons #ffffff on #0b57a4
 * (7:1), errors #a4161a on #ffffff (7.6:1); focus is always visible.
 */
export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #eef1f5; line-height: 1.5; }
body { margin: 0; padding: 2rem 1rem; }
.card { max-width: 28rem; margin: 0 auto; background: #ffffff; padding: 2rem; border-radius: 8px; border: 1px solid #c9d1db; }
.brand { margin: 0 0 .5rem; font-weight: 700; color: #0b57a4; letter-spacing: .05em; }
h1 { font-size: 1.5rem; margin: 0 0 1.25rem; }
h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
.field { margin-bottom: 1rem; }
.hint { margin: 0 0 .25rem; color: #4a5360; font-size: .9rem; }
input[type=email], input[type=password], input[type=text] { width: 100%; font: inherit; padding: .6rem .7rem; border: 2px solid #5b6573; border-radius: 4px; color: #1b1f24; background: #ffffff; }
.field-error input { border-color: #a4161a; }
.error { margin: 0 0 .25rem; color: #a4161a; font-weight: 600; }
.error-summary { border: 3px solid #a4161a; padding: .75rem 1rem; margin-bottom: 1.25rem; }
.error-summary a { color: #a4161a; font-weight: 600; }
button { font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 2px solid #0b57a4; border-radius: 4px; background: #0b57a4; color: #ffffff; cursor: pointer; }
button:hover { background: #08457f; border-color: #08457f; }
a.button { display: inline-block; font-weight: 600; padding: .6rem 1.2rem; border-radius: 4px; background: #0b57a4; color: #ffffff; text-decoration: none; }
button.link { background: none; border: 0; padding: 0; color: #0b57a4; text-decoration: underline; font-weight: 400; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
form.secondary { margin-top: 1.25rem; }
.who { font-weight: 600; word-break: break-all; }
.choice { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.choice label { font-weight: 400; margin: 0; }
.qr { display: block; margin: 1rem auto; image-rendering: pixelated; }
.secret, .codes code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 1.05rem; }
.codes { columns: 2; padding-left: 1.25rem; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; }
button.secondary { background: #ffffff; color: #0b57a4; }
button.secondary:hover { background: #e8f0fa; color: #08457f; }
.scopes { padding-left: 1.25rem; }
.apps { list-style: none; padding: 0; }
.apps li { margin-bottom: 1.25rem; }
.languages ul { list-style: none; display: flex; justify-content: center; gap: 1rem; padding: 0; margin: 1.5rem 0 0; }
.languages a { color: #0b57a4; }
.languages [aria-current] { font-weight: 700; }
`;
