/**
 * The payload codec that keeps personal data out of Temporal's histories: what it writes
 * is unreadable without the key, rotation keeps old payloads readable, tampering and
 * unknown keys are refused loudly, and payloads written before encryption pass through.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { failureConverter } from '../../lib/failure-converter';
import { EncryptionCodec, formatPayloadKeys, parsePayloadKeys, type PayloadKey } from '../../lib/payload-codec';
import { loadConfig } from '../../lib/config';

const keyA: PayloadKey = { id: 'key-a', key: randomBytes(32) };
const keyB: PayloadKey = { id: 'key-b', key: randomBytes(32) };
const youth = {
  youth: { name: 'Zephyrine Quillfeather', birthDate: '2011-04-23' },
  notes: 'afraid of dogs; sister in placement',
};
const payloadOf = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const valueOf = (p: Payload) => defaultPayloadConverter.fromPayload(p);
const meta = (p: Payload, k: string) => Buffer.from(p.metadata![k]!).toString('utf8');

test('a round trip gives back the value; what travels holds none of it in clear', async () => {
  const codec = new EncryptionCodec([keyA]);
  const [sealed] = await codec.encode([payloadOf(youth)]);
  expect(meta(sealed, 'encoding')).toBe('binary/encrypted');
  expect(meta(sealed, 'encryption-key-id')).toBe('key-a');
  const wire = JSON.stringify({
    m: Object.values(sealed.metadata!).map((v) => Buffer.from(v!).toString('latin1')),
    d: Buffer.from(sealed.data!).toString('latin1'),
  });
  for (const s of ['Zephyrine', '2011-04-23', 'dogs', 'json/plain']) expect(wire).not.toContain(s);
  expect(valueOf((await codec.decode([sealed]))[0])).toEqual(youth);
  // A fresh nonce each time: the same value never gives the same ciphertext.
  const [again] = await codec.encode([payloadOf(youth)]);
  expect(Buffer.from(again.data!).equals(Buffer.from(sealed.data!))).toBe(false);
});

test('key rotation: payloads sealed under A still open once B is newest; new ones go under B', async () => {
  const [underA] = await new EncryptionCodec([keyA]).encode([payloadOf(youth)]);
  const rotated = new EncryptionCodec([keyB, keyA]);
  expect(valueOf((await rotated.decode([underA]))[0])).toEqual(youth);
  const [underB] = await rotated.encode([payloadOf(youth)]);
  expect(meta(underB, 'encryption-key-id')).toBe('key-b');
  expect(valueOf((await rotated.decode([underB]))[0])).toEqual(youth);
  // Once A is retired, what it sealed no longer opens: retire a key only after re-encryption or retention.
  await expect(new EncryptionCodec([keyB]).decode([underA])).rejects.toThrow(
    /key "key-a", which PAYLOAD_KEYS does not hold \(it holds: key-b\)/,
  );
});

test('altered ciphertext, a relabelled key id and a truncated payload are refused', async () => {
  const codec = new EncryptionCodec([keyB, keyA]);
  const [sealed] = await codec.encode([payloadOf(youth)]);
  const flipped = Buffer.from(sealed.data!);
  flipped[20] ^= 1;
  await expect(codec.decode([{ ...sealed, data: flipped }])).rejects.toThrow(/failed authentication/);
  const relabelled = { ...sealed, metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('key-a') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/under key "key-a" failed authentication/);
  await expect(codec.decode([{ ...sealed, data: Buffer.from(sealed.data!).subarray(0, 10) }])).rejects.toThrow(
    /too short/,
  );
});

test("a payload without the codec's metadata passes through (histories recorded before encryption)", async () => {
  const codec = new EncryptionCodec([keyA]);
  const plain = payloadOf(youth);
  const [out] = await codec.decode([plain]);
  expect(out).toBe(plain);
  expect(valueOf(out)).toEqual(youth);
  const empty: Payload = { metadata: {}, data: new Uint8Array() };
  expect((await codec.decode([empty]))[0]).toBe(empty);
});

test("an error's message and stack travel as a payload (which the codec seals), and come back on decoding", async () => {
  const failure = failureConverter.errorToFailure(
    ApplicationFailure.create({ message: `no record for ${youth.youth.name}`, type: 'bad_data' }),
    defaultPayloadConverter,
  );
  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace).toBe('');
  expect(failure.applicationFailureInfo?.type).toBe('bad_data');
  const [sealed] = await new EncryptionCodec([keyA]).encode([failure.encodedAttributes!]);
  expect(Buffer.from(sealed.data!).toString('latin1')).not.toContain('Zephyrine');
  const [opened] = await new EncryptionCodec([keyA]).decode([sealed]);
  const error = failureConverter.failureToError({ ...failure, encodedAttributes: opened }, defaultPayloadConverter);
  expect(error.message).toBe('no record for Zephyrine Quillfeather');
});

test('PAYLOAD_KEYS: id:base64key, newest first; a bad value names the variable', () => {
  const text = formatPayloadKeys([keyB, keyA]);
  expect(parsePayloadKeys(text).map((k) => k.id)).toEqual(['key-b', 'key-a']);
  expect(parsePayloadKeys(` ${text} , `)[1].key.equals(keyA.key)).toBe(true);
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1/db', AUTH_JWT_SECRET: 'x'.repeat(40) };
  expect(loadConfig({ ...base, PAYLOAD_KEYS: text }).temporal.payloadKeys.map((k) => k.id)).toEqual(['key-b', 'key-a']);
  const short = `k1:${randomBytes(16).toString('base64')}`;
  expect(() => loadConfig({ ...base, PAYLOAD_KEYS: short })).toThrow(
    /PAYLOAD_KEYS: key "k1" is 16 bytes; AES-256 wants exactly 32/,
  );
  expect(() => loadConfig({ ...base, PAYLOAD_KEYS: randomBytes(32).toString('base64') })).toThrow(
    /PAYLOAD_KEYS: .* is not id:base64key/,
  );
  expect(() => loadConfig({ ...base, PAYLOAD_KEYS: `${text},${formatPayloadKeys([keyA])}` })).toThrow(
    /PAYLOAD_KEYS: key id "key-a" appears twice/,
  );
  expect(() => loadConfig({ ...base, PAYLOAD_KEYS: 'a b:xyz' })).toThrow(/PAYLOAD_KEYS: key id "a b"/);
  expect(() => loadConfig({ ...base, PAYLOAD_KEYS: 'k1:not base64!' })).toThrow(/PAYLOAD_KEYS: key "k1" is not base64/);
});

test('production refuses to start without PAYLOAD_KEYS; development generates a key it keeps', () => {
  const base = {
    DATABASE_URL: 'postgres://u@127.0.0.1/db',
    AUTH_JWT_SECRET: 'x'.repeat(40),
    AUTH_ALLOW_HS256: 'true',
    NODE_ENV: 'production',
  };
  expect(() => loadConfig(base)).toThrow(/PAYLOAD_KEYS: NODE_ENV=production needs the payload encryption keys/);
  expect(loadConfig({ ...base, PAYLOAD_KEYS: formatPayloadKeys([keyA]) }).temporal.payloadKeys[0].id).toBe('key-a');
  const dev = loadConfig({ DATABASE_URL: base.DATABASE_URL }).temporal.payloadKeys;
  expect(dev).toHaveLength(1);
  expect(dev[0].key).toHaveLength(32);
  expect(loadConfig({ DATABASE_URL: base.DATABASE_URL }).temporal.payloadKeys[0].key.equals(dev[0].key)).toBe(true);
});
