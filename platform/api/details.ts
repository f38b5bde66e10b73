/**
 * The one way a route or report reads a case's `details`: parsed with the schema its process
 * declares for the case type (CaseTypeDescriptor.details), never cast. A details row that no
 * longer fits what its readers expect is an error that names the case and the fields, where a
 * cast would have let an `undefined` wander into an answer or a report; the unit test that
 * parses every recorded transition with the same schemas finds such a drift before it ships.
 */
import type { z, ZodTypeAny } from 'zod';
import { caseTypeDescriptor } from '../workflow/registry';

/** The fields of a case row a details reader needs. */
export type DetailsRow = { id: string; type: string; details: unknown };

export class DetailsDrift extends Error {
  constructor(
    readonly caseId: string,
    readonly caseType: string,
    readonly issues: string[],
  ) {
    super(`The details of ${caseType} case ${caseId} do not fit their declared schema: ${issues.join('; ')}`);
    this.name = 'DetailsDrift';
  }
}

/**
 * The case's details as its process declares them. `schema` is the case type's declared
 * schema, passed by the reader for its type (the descriptor keeps only its general shape);
 * a schema its case type does not declare is refused, so every reader parses with the
 * schema the drift test checks.
 */
export function readDetails<S extends ZodTypeAny>(schema: S, row: DetailsRow): z.output<S> {
  const declared = caseTypeDescriptor(row.type)?.details;
  if (declared !== schema) throw new Error(`${row.type} does not declare this details schema (case ${row.id})`);
  const parsed = schema.safeParse(row.details);
  if (!parsed.success)
    throw new DetailsDrift(
      row.id,
      row.type,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(details)'}: ${i.message}`),
    );
  return parsed.data;
}
