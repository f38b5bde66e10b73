/**
 * The read model's case `details` and the schemas their processes declare (readDetails in
 * platform/api/details.ts) must agree: every case snapshot a recorded workflow wrote
 * (each recordTransition scheduled in test/histories, v1 and v2) parses with its case type's
 * schema, and names no top-level field the schema leaves out. A workflow that renames a field
 * of its details, or a schema that expects one the workflow never writes, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { caseTypeDescriptor, CASE_TYPES } from '../../platform/workflow/registry';
import { DetailsDrift, readDetails } from '../../platform/api/details';
import { screeningDetails } from '../../processes/foster/details';
import { referralDetails } from '../../processes/referral/details';

const DIR = path.resolve(__dirname, '../histories');

interface RecordedCase {
  file: string;
  id: string;
  type: string;
  details: Record<string, unknown>;
}

/** Every case snapshot written by a recorded history's recordTransition activities. */
function recordedCases(): RecordedCase[] {
  const out: RecordedCase[] = [];
  for (const generation of readdirSync(DIR).filter((d) => /^v\d+$/.test(d))) {
    for (const name of readdirSync(path.join(DIR, generation)).filter((f) => f.endsWith('.json'))) {
      const file = `${generation}/${name}`;
      const { events } = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { events: RecordedEvent[] };
      for (const e of events) {
        const a = e.activityTaskScheduledEventAttributes;
        if (a?.activityType?.name !== 'recordTransition') continue;
        for (const p of a.input?.payloads ?? []) {
          const input = JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as {
            case?: { id: string; type: string; details: Record<string, unknown> };
          };
          if (input.case) out.push({ file, ...input.case });
        }
      }
    }
  }
  return out;
}
interface RecordedEvent {
  activityTaskScheduledEventAttributes?: {
    activityType?: { name: string };
    input?: { payloads?: { data: string }[] };
  };
}

const recorded = recordedCases();

describe('case details and their declared schemas', () => {
  it('reads every case type from the recordings', () => {
    // The histories cover every registered case type; a new one needs a recording too.
    expect([...new Set(recorded.map((r) => r.type))].sort()).toEqual([...CASE_TYPES].sort());
  });

  it('parses every recorded case snapshot with its case type’s schema', () => {
    const failures = recorded.flatMap((r) => {
      const schema = caseTypeDescriptor(r.type)!.details;
      const parsed = schema.safeParse(r.details);
      return parsed.success
        ? []
        : [`${r.file} ${r.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`];
    });
    expect(failures).toEqual([]);
  });

  it('declares every top-level field the workflows write', () => {
    const undeclared = new Set<string>();
    for (const r of recorded) {
      const schema = caseTypeDescriptor(r.type)!.details;
      if (!(schema instanceof z.ZodObject)) throw new Error(`${r.type}: details are declared as an object`);
      for (const key of Object.keys(r.details)) if (!(key in schema.shape)) undeclared.add(`${r.type}.${key}`);
    }
    expect([...undeclared]).toEqual([]);
  });

  it('refuses details that drifted, naming the case and the field', () => {
    const r = recorded.find((c) => c.type === 'mentor_referral')!;
    const drifted = { ...r.details, offers: 'none' };
    expect(() => readDetails(referralDetails, { id: r.id, type: r.type, details: drifted })).toThrow(DetailsDrift);
    expect(() => readDetails(referralDetails, { id: r.id, type: r.type, details: drifted })).toThrow(/offers/);
    expect(readDetails(referralDetails, r).county).toBe(r.details.county);
  });

  it('refuses a schema the case type does not declare', () => {
    const r = recorded.find((c) => c.type === 'mentor_referral')!;
    expect(() => readDetails(screeningDetails, r)).toThrow(/does not declare/);
  });
});
