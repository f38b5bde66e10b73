/**
 * What the generated forms (SchemaForm.tsx) know of a JSON Schema: its shape, which of a
 * choice of shapes a value has, an empty value of a shape, and how a shape and a field's
 * id read.
 */

export interface Schema {
  type?: string;
  enum?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
  minLength?: number;
  description?: string;
  $ref?: string;
}

export type Obj = Record<string, unknown>;
export type Errors = Record<string, string>;

export interface FieldProps {
  path: string[];
  label: string;
  schema: Schema;
  value: unknown;
  onChange: (v: unknown) => void;
  errors: Errors;
  resolve: (s: Schema) => Schema;
}

export const idOf = (path: string[]) => `policy-${path.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Does a value have the shape of this schema (to tell which of `anyOf` it is)? */
export function fits(s: Schema, v: unknown): boolean {
  if (s.type === 'object') return isObj(v) && (s.required ?? []).every((k) => k in v);
  if (s.type === 'array') return Array.isArray(v);
  if (s.type === 'integer' || s.type === 'number') return typeof v === 'number';
  return typeof v === (s.type ?? 'string');
}

/** An empty value of a schema's shape (a new entry, a newly chosen kind). */
export function blank(s: Schema): unknown {
  if (s.anyOf) return blank(s.anyOf[0]!);
  if (s.type === 'object')
    return Object.fromEntries((s.required ?? []).map((k) => [k, blank(s.properties?.[k] ?? {})]));
  if (s.type === 'array') return [];
  if (s.type === 'boolean') return false;
  if (s.type === 'integer' || s.type === 'number') return 0;
  return s.enum?.[0] ?? '';
}

/** The kinds of value a shape may be named by (the catalogue's `schema.shape.<kind>`). */
const SHAPES = ['string', 'integer', 'number', 'boolean'];

/**
 * How one of `anyOf`'s shapes reads in its picker: its fields' names (`nameOf`, the rules' names
 * in the language in use), or its kind (`t`, the catalogue's `schema.shape.<kind>`).
 */
export const shapeName = (s: Schema, nameOf: (field: string) => string, t: (id: string) => string) =>
  s.type === 'object'
    ? Object.keys(s.properties ?? {})
        .map(nameOf)
        .join(', ')
    : t(`schema.shape.${s.enum ? 'choice' : (SHAPES.find((k) => k === s.type) ?? 'string')}`);
