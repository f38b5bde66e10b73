/**
 * Today's date as the product counts it: in Los Angeles, the calendar every deadline and
 * log entry uses. A browser's UTC date is tomorrow's from 4 pm Pacific on, so forms that
 * default to today take it from here.
 */
export const laToday = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
