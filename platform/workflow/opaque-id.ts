/**
 * A person's id as it may appear in a workflow ID. Workflow IDs show up in Temporal's UI,
 * its visibility store, logs and `historyUrl`s, outside the payload encryption; an identity
 * provider whose `sub` is an e-mail address would put personal data there. Plain ids pass
 * as they are (running cases keep their IDs); anything else becomes a stable digest.
 * Pure (FNV-1a, two 32-bit lanes): usable in workflow code and the API alike.
 */
const PLAIN = /^[A-Za-z0-9_-]{1,64}$/;

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function opaqueId(id: string): string {
  if (PLAIN.test(id) && !id.includes('@')) return id;
  return `h-${fnv1a(id, 0x811c9dc5)}${fnv1a(id, 0x050c5d1f)}${fnv1a(`${id}\u0000`, 0x811c9dc5)}`;
}
