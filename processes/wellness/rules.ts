/** Wellness check-ins' pure rules (no I/O): shared by the workflow's validators and the API. */

/** A caller speaks the youth's language: any one in common (case-insensitive); a youth naming none takes anyone. */
export function sameLanguage(callerLanguages: string[], youthLanguages: string[]): boolean {
  if (!youthLanguages.length) return true;
  const spoken = new Set(callerLanguages.map((l) => l.trim().toLowerCase()));
  return youthLanguages.some((l) => spoken.has(l.trim().toLowerCase()));
}
