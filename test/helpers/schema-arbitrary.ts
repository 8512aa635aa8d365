import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';

/**
 * fast-check arbitraries generated from the API's own TypeBox schemas, so a property test feeds
 * exactly what the API would accept (shape, lengths, patterns, ranges, real dates), and nothing
 * hand-copied that could drift from the contract.
 *
 * Covers the JSON Schema the request bodies use: const, anyOf, string (pattern, length, format
 * date), number, integer, boolean, object (required and optional properties) and array. Lists are
 * capped at `maxItems` so a run stays fast.
 */
export function arbitraryOf(schema: TSchema, options: { maxItems?: number } = {}): fc.Arbitrary<unknown> {
  const maxItems = options.maxItems ?? 4;
  const walk = (s: Record<string, unknown>): fc.Arbitrary<unknown> => {
    if ('const' in s) return fc.constant(s.const);
    if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as Array<Record<string, unknown>>).map(walk));
    switch (s.type) {
      case 'string':
        return stringArbitrary(s);
      case 'integer':
        return fc.integer({ min: (s.minimum as number | undefined) ?? -1_000_000, max: (s.maximum as number | undefined) ?? 1_000_000 });
      case 'number':
        return fc.double({ min: (s.minimum as number | undefined) ?? -1e9, max: (s.maximum as number | undefined) ?? 1e9, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = (s.minItems as number | undefined) ?? 0;
        const maxLength = Math.max(minLength, Math.min((s.maxItems as number | undefined) ?? maxItems, maxItems));
        return fc.array(walk(s.items as Record<string, unknown>), { minLength, maxLength });
      }
      case 'object': {
        const properties = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
        const required = (s.required ?? []) as string[];
        const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, walk(value)]));
        return fc.record(record, { requiredKeys: required });
      }
      default:
        throw new Error(`arbitraryOf: no generator for ${JSON.stringify(s).slice(0, 120)}`);
    }
  };
  return walk(schema as unknown as Record<string, unknown>);
}

function stringArbitrary(s: Record<string, unknown>): fc.Arbitrary<string> {
  const minLength = (s.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((s.maxLength as number | undefined) ?? 60, 60);
  if (s.format === 'date') {
    // The days ajv-formats' `date` accepts, inside the schema's pattern (Gregorian 19xx/20xx).
    return fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  if (typeof s.pattern === 'string') {
    return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= minLength && v.length <= ((s.maxLength as number | undefined) ?? Infinity));
  }
  // Thai and Latin text, spaces included: a blank string is valid JSON Schema text but not a reason.
  return fc.string({ unit: fc.constantFrom('ก', 'ข', 'า', 'a', 'Z', '1', ' ', '-'), minLength: Math.max(minLength, 0), maxLength: Math.max(minLength, maxLength) });
}
