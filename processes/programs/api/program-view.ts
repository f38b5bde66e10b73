/**
 * A program of the directory as the API shows it, with its referral settings: its response
 * shape (in the OpenAPI document as `Program`) and the row it is read from. Shared by the
 * directory's routes and the referral settings' routes.
 */
import { z } from 'zod';
import '../../../platform/api/http'; // extends zod with .openapi()

type ProgramDbRow = {
  id: string;
  name: string;
  organization: string;
  county: string;
  level: string;
  certified_until: string | null;
  contact_email: string;
  started_on: string;
  minimum_match_months: number;
};
type SettingsRow = {
  accepting: boolean | null;
  counties: string[] | null;
  virtual: boolean | null;
  languages: string[] | null;
  youth_min: number | null;
  youth_max: number | null;
};

/** A program's referral settings as the directory shows them (none set: not accepting). */
function referralsDto(s: Partial<SettingsRow>) {
  if (s.accepting === null || s.accepting === undefined)
    return { accepting: false, counties: [], virtual: false, languages: [], youthAges: null };
  return {
    accepting: s.accepting,
    counties: s.counties ?? [],
    virtual: !!s.virtual,
    languages: s.languages ?? [],
    youthAges: { min: s.youth_min!, max: s.youth_max! },
  };
}

/** `full`: contact and history fields, for admins, reviewers and the program's own staff. */
export function programDto(p: ProgramDbRow & Partial<SettingsRow>, full: boolean) {
  return {
    id: p.id,
    name: p.name,
    organization: p.organization,
    county: p.county,
    level: p.level,
    ...(p.certified_until ? { certifiedUntil: p.certified_until } : {}),
    referrals: referralsDto(p),
    ...(full
      ? { contactEmail: p.contact_email, startedOn: p.started_on, minimumMatchMonths: p.minimum_match_months }
      : {}),
  };
}

export const programLevel = z.enum(['none', 'affiliate', 'associate_partner', 'partner']);

export const programSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organization: z.string(),
    county: z.string(),
    level: programLevel,
    certifiedUntil: z.string().optional(),
    contactEmail: z.string().optional(),
    startedOn: z.string().optional(),
    minimumMatchMonths: z.number().optional(),
    referrals: z
      .object({
        accepting: z.boolean(),
        counties: z.array(z.string()),
        virtual: z.boolean(),
        languages: z.array(z.string()),
        youthAges: z.object({ min: z.number(), max: z.number() }).nullable(),
      })
      .optional(),
  })
  .openapi('Program');
