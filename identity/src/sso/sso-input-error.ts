/**
 * A tenant's SSO settings refused: `field` names what is wrong (`issuer`, `domains[1]`, `domain`),
 * `problem` says how; `taken` is a domain another tenant has claimed (core answers 409).
 */
export class SsoInputError extends Error {
  override name = 'SsoInputError';
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly taken = false,
  ) {
    super(`${field}: ${problem}`);
  }
}
