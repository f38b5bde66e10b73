/**
 * Temporal keeps every workflow input, activity input and result, signal, update and query
 * answer in its histories. This codec encrypts each of those payloads with AES-256-GCM
 * before it leaves a client or worker, so Temporal's database, its UI and
 * `temporal workflow show` hold ciphertext only; youth and applicant data stays readable
 * by the product's own processes (and by admins through the API's codec endpoint).
 *
 * Keys come from PAYLOAD_KEYS, newest first: new payloads use the first; the others stay
 * to decrypt what was written under them. The key id travels in the payload's metadata.
 * A payload without the codec's metadata (one written before encryption) passes through,
 * so cases started earlier keep replaying. Runs outside the workflow sandbox (node crypto).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

/**
 * Reads `id1:base64key,id2:base64key` (newest first). Each key is exactly 32 random bytes
 * (`openssl rand -base64 32`); ids are short names, unique. Throws with what is wrong.
 */
export function parsePayloadKeys(value: string): PayloadKey[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) throw new Error('no key given: id:base64key, newest first, comma-separated');
  const keys = entries.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`"${entry.slice(0, 12)}…" is not id:base64key`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) {
      throw new Error(`key id "${id}" must be 1 to 64 letters, digits, dots, dashes or underscores`);
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Error(`key "${id}" is not base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) {
      throw new Error(`key "${id}" is ${key.length} bytes; AES-256 wants exactly 32 (openssl rand -base64 32)`);
    }
    return { id, key };
  });
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`key id "${repeated}" appears twice`);
  return keys;
}

/** The inverse of parsePayloadKeys (the development key file is written in the same format). */
export function formatPayloadKeys(keys: PayloadKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

/** A fresh key under an id (the development default, and the short-lived clusters of scripts). */
export function generatePayloadKeys(id: string): PayloadKey[] {
  return [{ id, key: randomBytes(32) }];
}

/** Encrypts under the first key; decrypts under whichever key the payload names. */
export class EncryptionCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: PayloadKey[]) {
    if (!keys.length) throw new Error('the payload codec needs at least one key (PAYLOAD_KEYS)');
    this.current = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    // The key id is authenticated too: a payload relabelled to another key is refused.
    cipher.setAAD(text(id));
    const clear = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: text(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: text(id),
        [CIPHER_METADATA]: text(CIPHER),
      },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    // Written before encryption (or by another codec's peer): left as it is.
    if (str(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const id = str(payload.metadata?.[KEY_ID_METADATA]);
    if (!id) throw new Error(`an encrypted payload carries no ${KEY_ID_METADATA}`);
    const key = this.byId.get(id);
    if (!key) {
      const held = [...this.byId.keys()].join(', ');
      throw new Error(`a payload is encrypted under key "${id}", which PAYLOAD_KEYS does not hold (it holds: ${held})`);
    }
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) {
      throw new Error(`an encrypted payload under key "${id}" is too short to be genuine`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(text(id));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let clear: Buffer;
    try {
      clear = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(
        `an encrypted payload under key "${id}" failed authentication: ` +
          'altered, or sealed with another key of that id',
      );
    }
    return temporal.api.common.v1.Payload.decode(clear) as Payload;
  }
}

/** Moves failures' messages and stack traces into (encrypted) payloads; the workflow bundle is built with it too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The data converter of every client and worker of the product. */
export function encryptingDataConverter(keys: PayloadKey[]): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
