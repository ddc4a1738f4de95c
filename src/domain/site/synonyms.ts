import { z } from 'zod';

/**
 * Synonyms for catalog search, which site administrators edit: groups of
 * words or short phrases that mean the same to readers. A word of a search
 * that is an entry of a group (or shares its stem) also finds datasets that
 * say one of the group's other entries. Groups may mix languages, so that a
 * reader searching in Spanish finds datasets described in English.
 */

export const MAX_SYNONYM_GROUPS = 500;
export const MAX_SYNONYM_ENTRIES = 20;
export const MAX_SYNONYM_LENGTH = 60;

/** What a portal starts with: common pairs of open data catalogs, in English and Spanish. */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ['bike', 'bicycle', 'cycling', 'bicicleta', 'bici', 'ciclismo'],
  ['cop', 'police', 'policía'],
  ['car', 'vehicle', 'automobile', 'coche', 'carro', 'vehículo', 'automóvil'],
  ['trash', 'garbage', 'refuse', 'waste', 'rubbish', 'basura', 'residuos', 'desechos'],
  ['kid', 'child', 'youth', 'niño', 'niña', 'infancia', 'juventud', 'joven'],
  ['school', 'education', 'escuela', 'educación', 'colegio'],
  ['crime', 'incident', 'delito', 'crimen', 'incidente'],
  ['park', 'parks and recreation', 'parque', 'parques y recreación'],
  ['restaurant', 'food establishment', 'restaurante', 'establecimiento de comida'],
  ['housing', 'homeless', 'shelter', 'vivienda', 'personas sin hogar', 'refugio', 'albergue'],
  ['transit', 'subway', 'bus', 'public transport', 'transporte público', 'metro', 'autobús'],
  ['salary', 'payroll', 'earnings', 'wages', 'salario', 'sueldo', 'nómina'],
  ['budget', 'spending', 'expenditure', 'presupuesto', 'gasto'],
  ['accident', 'collision', 'crash', 'accidente', 'choque'],
  ['tree', 'urban forest', 'árbol', 'arbolado'],
  ['zip code', 'postal code', 'código postal'],
  ['food', 'comida', 'alimentos'],
  ['health', 'salud'],
  ['traffic', 'tráfico', 'tránsito'],
  ['fire', 'firefighters', 'incendio', 'bomberos'],
  ['election', 'vote', 'elecciones', 'votación'],
  ['noise', 'ruido'],
  ['water', 'agua'],
  ['employee', 'staff', 'empleado', 'personal'],
];

/** The synonyms as stored and sent: a list of groups, each a list of entries. */
export const synonymsField = z
  .array(
    z
      .array(
        z
          .string()
          .trim()
          .min(1, 'A synonym cannot be empty.')
          .max(MAX_SYNONYM_LENGTH, `Keep each synonym under ${MAX_SYNONYM_LENGTH} characters.`)
          .refine((s) => /\p{L}/u.test(s), 'A synonym needs a letter.'),
      )
      .min(2, 'A group of synonyms needs at least two words.')
      .max(MAX_SYNONYM_ENTRIES, `Put at most ${MAX_SYNONYM_ENTRIES} words in a group of synonyms.`),
  )
  .max(MAX_SYNONYM_GROUPS, `Keep at most ${MAX_SYNONYM_GROUPS} groups of synonyms.`);

/** The synonyms as a form shows them: one group a line, its entries separated by commas. */
export const synonymsText = (groups: readonly (readonly string[])[]): string => groups.map((g) => g.join(', ')).join('\n');

/** The groups a form's text holds: one a line, entries separated by commas; empty lines and entries dropped. */
export const parseSynonymsText = (text: string): string[][] =>
  text
    .split(/\r?\n/)
    .map((line) => line.split(',').map((e) => e.trim()).filter(Boolean))
    .filter((g) => g.length > 0);
