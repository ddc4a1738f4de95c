import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES, loadLocales, LocaleFileError } from '../../src/adapters/locales/files.ts';
import { argumentNames } from '../../src/domain/i18n/format.ts';

const builtIn = loadLocales([BUILT_IN_LOCALES]);
const english = builtIn.messages('en')!;

/** Every file under src that a page or island renders from. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the message files Plaza ships', () => {
  it('speak English and Spanish, each named in itself', () => {
    expect(builtIn.languages()).toEqual([
      { code: 'en', name: 'English' },
      { code: 'es', name: 'Español' },
    ]);
  });

  it('have Spanish for every English message, asking for the same values, and nothing English lacks', () => {
    const spanish = builtIn.messages('es')!;
    const missing = Object.keys(english).filter((k) => !(k in spanish));
    const extra = Object.keys(spanish).filter((k) => !(k in english));
    expect(missing, 'English messages with no Spanish').toEqual([]);
    expect(extra, 'Spanish messages with no English').toEqual([]);
    const mismatched = Object.keys(english).filter((k) => JSON.stringify(argumentNames(english[k]!)) !== JSON.stringify(argumentNames(spanish[k]!)));
    expect(mismatched, 'messages whose Spanish asks for other values').toEqual([]);
  });

  it('have every message key the code asks for by name', () => {
    const asked = new Set<string>();
    for (const file of sources(join(BUILT_IN_LOCALES, '..', 'src'))) {
      const text = readFileSync(file, 'utf8');
      // t.t('key'), t('key') and tr('key', …): literal keys only; keys built from values (vocab, facets) are checked by the vocab test.
      for (const m of text.matchAll(/\b(?:t\.t|t|tr)\(\s*'([a-z][\w.-]*\.[\w.-]+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(30);
    expect([...asked].filter((k) => !(k in english)), 'keys used in code but missing from locales/en').toEqual([]);
  });
});

describe('a city’s own message files', () => {
  const cityDir = () => mkdtempSync(join(tmpdir(), 'plaza-locales-'));

  it('add a language without touching code, falling back to English for what they lack, and override Plaza’s wording', () => {
    const dir = cityDir();
    writeFileSync(join(dir, 'fr.json'), JSON.stringify({ 'language.name': 'Français', 'catalog.title': 'Jeux de données', 'common.rows': '{count, plural, one {# ligne} other {# lignes}}' }));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'city.json'), JSON.stringify({ 'home.tagline': 'Open data from Springfield.' }));
    const locales = loadLocales([BUILT_IN_LOCALES, dir]);
    expect(locales.languages().map((l) => l.code)).toEqual(['en', 'es', 'fr']);
    const fr = locales.translator('fr');
    expect(fr.t('catalog.title')).toBe('Jeux de données');
    expect(fr.t('common.rows', { count: 1200 })).toBe('1\u202f200 lignes');
    expect(fr.t('catalog.sortBy')).toBe('Sort by');
    expect(locales.translator('en').t('home.tagline')).toBe('Open data from Springfield.');
    expect(locales.translator('xx').lang).toBe('en');
  });

  it('stop start-up with the file and the problem when they cannot be read', () => {
    const bad = (name: string, content: string) => {
      const dir = cityDir();
      writeFileSync(join(dir, name), content);
      return () => loadLocales([BUILT_IN_LOCALES, dir]);
    };
    expect(bad('fr.json', '{ not json')).toThrow(LocaleFileError);
    expect(bad('fr.json', '{ not json')).toThrow(/fr\.json is not valid JSON/);
    expect(bad('fr.json', '["a"]')).toThrow(/one JSON object/);
    expect(bad('fr.json', '{"language.name": "Français", "x.y": 3}')).toThrow(/“x\.y” must be text/);
    expect(bad('fr.json', '{"language.name": "Français", "x.y": "{n, plural, one {#}}"}')).toThrow(/“x\.y” cannot be read: a plural needs an “other” option/);
    expect(bad('fr.json', '{"catalog.title": "Jeux"}')).toThrow(/“fr” need a "language.name"/);
    // Files whose names are no language tag are left alone.
    expect(bad('README.json', '{ not json')().languages().map((l) => l.code)).toEqual(['en', 'es']);
  });
});
