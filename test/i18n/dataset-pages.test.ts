import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { CHART_ENGLISH } from '../../src/domain/chart/words.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * A dataset's pages in Spanish: its about page, the table explorer with a
 * filter, the chart builder, the map and the API tab say everything they word
 * themselves in Spanish, with Spanish numbers; a reader who asks for nothing
 * still reads English.
 */

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Restricted sites', slug: 'restricted-sites' });
  await updateDataset(t.deps, t.admin, 'restricted-sites', { access_level: 'restricted' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const es = { 'accept-language': 'es-ES,es;q=0.9' };
const spanish = async (url: string) => {
  const res = await app.inject({ url, headers: es });
  return { status: res.statusCode, body: res.body };
};
const filter = (column: string, op: string, value = '') => `filter_column=${column}&filter_op=${op}&filter_value=${encodeURIComponent(value)}&filter_to=`;

describe('a dataset page in Spanish', () => {
  it('about: tabs, metadata labels, columns, versions and row counts in Spanish', async () => {
    const { status, body } = await spanish('/datasets/crimes');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('aria-label="Vistas de este conjunto de datos"');
    expect(body).toMatch(/<a href="\/datasets\/crimes\/table">Tabla<\/a><a href="\/datasets\/crimes\/chart">Gráfico<\/a>/);
    expect(body).toContain('<h2 id="about">Información</h2>');
    expect(body).toContain('<dt>Publicador</dt>');
    expect(body).toContain('<dt>Licencia</dt>');
    expect(body).toContain('<h2 id="preview">Vista previa</h2>');
    expect(body).toContain('<th scope="col">Distintos</th>');
    expect(body).toContain('<td>entero</td>');
    expect(body).toContain('<h2 id="versions">Versiones</h2>');
    expect(body).toContain(' (vigente)');
    // The row count with a Spanish thousands separator (over 20,000 rows).
    expect(body).toMatch(/<dt>Filas<\/dt><dd>2\d\.\d{3}<\/dd>/);
    expect(body).toMatch(/aria-label="Histograma de \d+ intervalos de /);
    expect(body).not.toMatch(/>(About|Publisher|Preview|Versions|Columns)</);
  });

  it('table: the filter builder, its operators and the count of matching rows', async () => {
    const { status, body } = await spanish(`/datasets/crimes/table?${filter('district', 'ne', '1')}`);
    expect(status).toBe(200);
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('<title>Tabla – Crimes, September 2014');
    expect(body).toContain('<legend>Filtro 1</legend>');
    expect(body).toContain('<legend>Filtro nuevo</legend>');
    expect(body).toContain('>es distinto de (≠)</option>');
    expect(body).toContain('Ordenar por');
    expect(body).toContain('Quitar el filtro 1');
    expect(body).toContain('<strong>20.591 filas coinciden</strong>');
    expect(body).toContain('>Filas 1 a 25</caption>');
    expect(body).toContain('25 filas siguientes');
    expect(body).toContain('CSV (esta vista)');
    expect(body).toContain('API de esta vista');
    expect(body).toMatch(/<th scope="col" title="fecha y hora"><a [^>]*>Date<\/a><\/th>/);
    expect(body).toContain('Altura de las filas');
    // The island gets the same texts and the language.
    expect(body).toContain('data-lang="es"');
    expect(body).toContain('&quot;table.loading&quot;:&quot;Cargando filas…&quot;');
    expect(body).not.toMatch(/matching rows|Show rows|Add filter/);
  });

  it('table: a value that does not fit its column is explained in Spanish next to its field', async () => {
    const { status, body } = await spanish(`/datasets/crimes/table?${filter('district', 'ge', 'diez')}`);
    expect(status).toBe(400);
    expect(body).toContain('«District» contiene números: escriba uno como 42 o 3.5 (con punto decimal).');
    expect(body).toContain('Corrija los problemas señalados en el formulario para ver las filas.');
    const wrongOp = await spanish(`/datasets/crimes/table?${filter('arrest', 'contains', 'x')}`);
    expect(wrongOp.body).toContain('«contiene» no se aplica a «Arrest»; elija una de estas: está vacío, es verdadero, es falso.');
  });

  it('chart: settings, option names, the drawn chart and its table in Spanish', async () => {
    const { status, body } = await spanish('/datasets/crimes/chart?type=bar&x=district&agg=count');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('<h2 id="chart-settings">Ajustes del gráfico</h2>');
    expect(body).toContain('>Dispersión</option>');
    expect(body).toContain('>Recuento de filas</option>');
    expect(body).toContain('District (entero)');
    expect(body).toContain('<title id="chart-title">Número de filas por District</title>');
    expect(body).toMatch(/<desc id="chart-desc">Gráfico de barras de Número de filas por District: \d+ valores\. Máximo de [\d.]+ en \d+/);
    expect(body).toMatch(/<summary>Tabla de datos \(\d+ filas\)<\/summary>/);
    expect(body).toContain('Imagen SVG');
    expect(body).not.toMatch(/Chart settings|Draw chart|Number of rows/);
  });

  it('chart: settings that cannot be drawn are explained in Spanish', async () => {
    const { status, body } = await spanish('/datasets/crimes/chart?type=histogram&x=block');
    expect(status).toBe(400);
    expect(body).toContain('Todavía no se puede dibujar este gráfico:');
    expect(body).toContain('Un histograma necesita una columna numérica en el eje X; «Block» contiene texto.');
    const english = (await app.inject('/datasets/crimes/chart?type=histogram&x=block')).body;
    expect(english).toContain('A histogram needs a number column on the x axis; “Block” holds text values.');
  });

  it('chart: a closed chart says why in Spanish, and its SVG download is refused by its reason', async () => {
    const page = await spanish('/datasets/restricted-sites/chart');
    expect(page.body).toContain('Inicie sesión para representar en un gráfico este conjunto de datos de acceso restringido.');
    const svg = await spanish('/datasets/restricted-sites/chart.svg');
    expect(svg.status).toBe(403);
    expect(svg.body).toContain('Inicie sesión');
    const english = await app.inject('/datasets/restricted-sites/chart.svg');
    expect(english.statusCode).toBe(403);
    expect(english.body).toBe('Sign in to chart this restricted dataset.\n');
  });

  it('map: form, moves, summary and the list of features in Spanish', async () => {
    const { status, body } = await spanish('/datasets/food-sites/map');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('<h2 id="map-title">Mapa</h2>');
    expect(body).toContain('>Mostrar en el mapa</button>');
    expect(body).toContain('>Acercar</a>');
    expect(body).toContain('>Oeste</a>');
    expect(body).toMatch(/<figcaption id="map-summary">Mapa de [\d.]+ elementos de [\d.]+ filas coincidentes, de \d+,\d\d°N a \d+,\d\d°N, de \d+,\d\d°O a \d+,\d\d°O\. Esta vista muestra/);
    expect(body).toContain('Lugar (latitud, longitud)');
    expect(body).not.toMatch(/Zoom in|Show on the map|Features in this view/);
  });

  it('API tab: headings and explanations in Spanish, the code itself unchanged', async () => {
    const { status, body } = await spanish(`/datasets/crimes/api?${filter('district', 'ge', '20')}`);
    expect(status).toBe(200);
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('<h2 id="api-heading">Use estos datos desde su código</h2>');
    expect(body).toContain('Python (biblioteca estándar)');
    expect(body).toContain('<dt>Descargas</dt>');
    expect(body).toContain('curl --get');
    expect(body).toContain('const params = new URLSearchParams');
  });

  it('English is unchanged for a reader who asks for nothing', async () => {
    const about = (await app.inject('/datasets/crimes')).body;
    expect(about).toContain('<html lang="en">');
    expect(about).toContain('<h2 id="about">About</h2>');
    expect(about).toMatch(/<dt>Rows<\/dt><dd>2\d,\d{3}<\/dd>/);
    const table = (await app.inject(`/datasets/crimes/table?${filter('district', 'ne', '1')}`)).body;
    expect(table).toContain('<strong>20,591 matching rows</strong>');
    expect(table).toContain('<legend>Filter 1</legend>');
    const chart = (await app.inject('/datasets/crimes/chart?type=bar&x=district&agg=count')).body;
    expect(chart).toContain('<title id="chart-title">Number of rows by District</title>');
    const map = (await app.inject('/datasets/food-sites/map')).body;
    expect(map).toMatch(/<figcaption id="map-summary">Map of [\d,]+ features from [\d,]+ matching rows, within \d+\.\d\d°N to /);
  });

  it('the English chart words the domain falls back to are the English messages, word for word', () => {
    const en = JSON.parse(readFileSync('locales/en/dataset-chart.json', 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(CHART_ENGLISH)) expect(en[key], key).toBe(text);
  });
});
