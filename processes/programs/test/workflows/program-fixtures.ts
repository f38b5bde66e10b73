/**
 * An Affiliate program's registry row, for the program record's workflow tests.
 */
import type { ProgramRow } from '../../projection';

export const affiliateRow = (id: string, createdBy: string): ProgramRow => ({
  id,
  name: 'Program',
  organization: 'Org',
  contactEmail: 'program@example.org',
  county: 'Yolo',
  startedOn: '2016-09-01',
  minimumMatchMonths: 12,
  level: 'affiliate',
  certifiedUntil: null,
  createdBy,
  createdAt: '2026-01-01T00:00:00.000Z',
});
