import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS } from '../../src/adapters/sql/search-stop-words.ts';
import { SEARCH_LANGUAGES, stem, stemmedForms, textSearchConfig } from '../../src/adapters/sql/search-stems.ts';
import { POSTGRES_TEST_URL, storeSuites } from '../support/stores.ts';

/**
 * SQLite's stems are PostgreSQL's: the store's Snowball stemmers and stop
 * words give, word for word, what PostgreSQL's `english_stem` and
 * `spanish_stem` dictionaries give (`ts_lexize`), so both databases find the
 * same datasets (ADR 20).
 */

const WORDS = [
  // The demo's words, and forms readers type.
  'bicycle', 'bicycles', 'bicycling', 'bike', 'bikes', 'cycling', 'counts', 'counters', 'inspections', 'inspected', 'establishment', 'restaurants',
  'generously', 'census', 'homelessness', 'shelters', 'pantries', 'kitchens', 'boundaries', 'earnings', 'salaries', 'transportation', 'crimes',
  'arrests', 'policing', 'vehicles', 'garbage', 'children', 'youth', 'schools', 'education', 'incidents', 'parks', 'recreation', 'housing', 'subway',
  'buses', 'running', 'cities', 'happily', 'organizational',
  // Spanish, folded as the index folds it.
  'bicicletas', 'bicicleta', 'ciclismo', 'ciclistas', 'conteos', 'diarios', 'diariamente', 'recorridos', 'recorrer', 'contadores', 'parques',
  'recreacion', 'policia', 'vehiculos', 'basura', 'residuos', 'escuelas', 'educacion', 'delitos', 'viviendas', 'refugios', 'autobuses',
  'transporte', 'comida', 'establecimientos', 'ninos', 'jovenes', 'organizaciones', 'organizar', 'informacion', 'puentes',
];

const suites = await storeSuites('the stem comparison with PostgreSQL');
const skip = suites.find((s) => s.name === 'postgres')!.skip;

describe.skipIf(skip)('stems as PostgreSQL gives them', () => {
  it('stems every word, and drops every stop word, as ts_lexize does', async () => {
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await client.connect();
    try {
      for (const lang of SEARCH_LANGUAGES) {
        const dictionary = `${textSearchConfig(lang)}_stem`;
        const stops = [...(lang === 'en' ? ENGLISH_STOP_WORDS : SPANISH_STOP_WORDS)];
        const all = [...WORDS, ...stops.slice(0, 60)];
        const { rows } = await client.query<{ w: string; lexemes: string[] }>('SELECT w, ts_lexize($1::regdictionary, w) AS lexemes FROM unnest($2::text[]) AS w', [dictionary, all]);
        for (const { w, lexemes } of rows) expect(stem(w, lang), `${lang} ${w}`).toBe(lexemes.length ? lexemes[0] : undefined);
      }
    } finally {
      await client.end();
    }
  });
});

describe('the forms of a reader\'s word or phrase', () => {
  it('gives its stems in each language where it keeps a word, stop words left out', () => {
    expect(stemmedForms('bicicletas')).toEqual([
      { lang: 'en', stems: ['bicicleta'] },
      { lang: 'es', stems: ['biciclet'] },
    ]);
    expect(stemmedForms('parks and recreation')).toEqual([
      { lang: 'en', stems: ['park', 'recreat'] },
      { lang: 'es', stems: ['parks', 'and', 'recreation'] },
    ]);
    expect(stemmedForms('los')).toEqual([{ lang: 'en', stems: ['los'] }]);
    expect(stemmedForms('covid19')).toEqual([
      { lang: 'en', stems: ['covid19'] },
      { lang: 'es', stems: ['covid19'] },
    ]);
  });
});
