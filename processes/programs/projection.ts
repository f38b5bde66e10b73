/**
 * The program directory's read model: a program's row, written by its record workflow,
 * and a level change a certification case mirrors into it at once. Row types are the
 * workflows'; the writers run in the read-model activity's transaction.
 */
import type { ProjectionWriters } from '../../platform/activities/projection-writers';
import { projectionRow } from '../../platform/workflow/projections';

/** A program in the directory, as its record workflow keeps it. */
export interface ProgramRow {
  id: string;
  name: string;
  organization: string;
  contactEmail: string;
  county: string;
  startedOn: string;
  minimumMatchMonths: number;
  level: 'none' | 'affiliate' | 'associate_partner' | 'partner';
  certifiedUntil?: string | null;
  createdBy: string;
  createdAt: string;
  /** Counted by the program's record at every write; absent on writes from before it was counted. */
  version?: number;
}

/** A level change made by a certification case, mirrored at once into the directory. */
export interface ProgramLevelRow {
  id: string;
  level: ProgramRow['level'];
  certifiedUntil: string | null;
}

export const PROGRAM = 'program';
export const PROGRAM_LEVEL = 'program_level';

export const programProjection = (row: ProgramRow) => projectionRow(PROGRAM, row);
export const programLevelProjection = (row: ProgramLevelRow) => projectionRow(PROGRAM_LEVEL, row);

export const projectionWriters: ProjectionWriters = {
  async [PROGRAM](row, { trx, now }) {
    const p = row as ProgramRow;
    await trx
      .insertInto('programs')
      .values({
        id: p.id,
        name: p.name,
        organization: p.organization,
        contact_email: p.contactEmail,
        county: p.county,
        started_on: p.startedOn,
        minimum_match_months: p.minimumMatchMonths,
        level: p.level,
        certified_until: p.certifiedUntil ?? null,
        created_by: p.createdBy,
        created_at: p.createdAt,
        updated_at: now(),
        version: p.version ?? 0,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            certified_until: eb.ref('excluded.certified_until'),
            updated_at: eb.ref('excluded.updated_at'),
            version: eb.ref('excluded.version'),
            // A write of an older version than the row's (retried late) changes nothing; unversioned writes as before.
          }))
          .where((eb) =>
            eb.or([eb('programs.version', '<=', eb.ref('excluded.version')), eb('excluded.version', '=', 0)]),
          ),
      )
      .execute();
  },

  async [PROGRAM_LEVEL](row, { trx, now }) {
    const pl = row as ProgramLevelRow;
    await trx
      .updateTable('programs')
      .set({ level: pl.level, certified_until: pl.certifiedUntil, updated_at: now() })
      .where('id', '=', pl.id)
      .execute();
  },
};
