import { readFileSync } from 'node:fs';
import { fixture } from '../support/plaza.ts';

/** A JSON Schema file among the copied standards (test/fixtures/standards/). */
export const standardSchema = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(fixture(`standards/${rel}`), 'utf8')) as Record<string, unknown>;
