/**
 * A code as English words ("eligibility_review" → "Eligibility review"): what the screens show
 * for a code the catalogue has no name for. Pure (no browser), so the unit tests read it too.
 */
export const humanize = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^\w/, (c) => c.toUpperCase());
