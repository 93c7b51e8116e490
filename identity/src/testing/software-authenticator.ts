import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A platform authenticator in software, as Chromium's virtual one works: a P-256 key per credential,
 * real authenticator data, `none` attestation, ES256 signatures with node:crypto, a signature
 * counter it increments (or keeps at 0 with `counter: false`). What it answers is exactly what a
 * browser posts: the server verifies it as any other. `clone()` copies it (key and counter), to
 * play a cloned authenticator.
 */
export class SoftwareAuthenticator {
  private credentials = new Map<string, { key: KeyObject; userHandle: string; rpId: string }>();
  private counter = 0;

  constructor(
    readonly origin: string,
    private readonly options: { counter?: boolean; userVerified?: boolean } = {},
  ) {}

  create(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = randomBytes(16);
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    this.credentials.set(id.toString('base64url'), { key: privateKey, userHandle: options.user.id, rpId });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      this.header(rpId, 0x40),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      id,
      cose,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      id: id.toString('base64url'),
      rawId: id.toString('base64url'),
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge).toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** An assertion with the credential the options allow, or (discoverable) the first one for the RP. */
  get(options: PublicKeyCredentialRequestOptionsJSON): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = options.allowCredentials?.map((c) => c.id);
    const entry = [...this.credentials].find(
      ([id, c]) => c.rpId === rpId && (!allowed?.length || allowed.includes(id)),
    );
    if (!entry) throw new Error('software authenticator: no credential for this RP');
    const [id, credential] = entry;
    const authData = this.header(rpId, 0);
    const clientData = this.clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: sign('sha256', signed, credential.key).toString('base64url'),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    };
  }

  clone(): SoftwareAuthenticator {
    const copy = new SoftwareAuthenticator(this.origin, this.options);
    copy.credentials = new Map(this.credentials);
    copy.counter = this.counter;
    return copy;
  }

  /** RP id hash, flags (user present, verified unless told otherwise, plus `extra`), the counter. */
  private header(rpId: string, extra: number): Buffer {
    const verified = this.options.userVerified === false ? 0 : 0x04;
    if (this.options.counter !== false) this.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.options.counter === false ? 0 : this.counter);
    return Buffer.concat([
      createHash('sha256').update(rpId).digest(),
      Buffer.from([0x01 | verified | extra]),
      counter,
    ]);
  }

  private clientData(type: string, challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }
}
