/**
 * A request's invalid fields in the caller's language: each zod issue's message by its
 * code (required, too long or short, not an e-mail address, not a date, not one of the
 * allowed values, a field the form does not have), or by its English text when the schema
 * wrote its own (platform/workflow/input.ts). Field names (`path`) stay as they are. English
 * keeps the schema's own words.
 */
import type { ZodIssue } from 'zod';
import { DEFAULT_LANGUAGE } from '../emails/messages';
import { message, translateText } from './catalogue';
import type { Language } from './language';

export function issueMessage(language: Language, issue: ZodIssue): string {
  if (language === DEFAULT_LANGUAGE) return issue.message;
  const say = (key: string, values?: Record<string, string | number>) => message(language, key, values);
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? say('issue.required')
        : say('issue.type', { expected: issue.expected, received: issue.received });
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.type === 'string') return say('issue.too_long', { maximum });
      if (issue.type === 'array') return say('issue.too_many', { maximum });
      return say('issue.too_big', { maximum });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.type === 'string')
        return minimum === 1 ? say('text.must_not_be_empty') : say('issue.too_short', { minimum });
      if (issue.type === 'array') return say('issue.too_few', { minimum });
      return say('issue.too_small', { minimum });
    }
    case 'invalid_string':
      if (issue.validation === 'email') return say('issue.invalid_email');
      break;
    case 'invalid_date':
      return say('issue.invalid_date');
    case 'invalid_enum_value':
      return say('issue.enum', { options: issue.options.join(' | ') });
    case 'unrecognized_keys':
      return say('issue.unrecognized_keys', { keys: issue.keys.join(', ') });
  }
  return translateText(language, issue.message) ?? issue.message;
}
