import { DEFAULT_LIMIT, MAX_LIMIT } from '../../../domain/compat/ogc/items-request.ts';

const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const geojson = (description: string) => ({ description, content: { 'application/geo+json': { schema: { type: 'object' } } } });
const exception = { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' } } };
const failures = {
  '400': json('A parameter is not valid', exception),
  '404': json('No such collection or feature', exception),
};
const collectionId = { name: 'collectionId', in: 'path', required: true, description: 'The dataset slug', schema: { type: 'string' } };

/**
 * `/ogc/api`: the OpenAPI 3.0 definition of the OGC API – Features routes,
 * with the parameters the standard defines. Property filters
 * (`?column=value`) are allowed by `additionalProperties` style free-form
 * parameters per collection and documented in docs/ogc.md.
 */
export function openApi(root: string, siteName: string) {
  return {
    openapi: '3.0.3',
    info: { title: `${siteName}: OGC API – Features`, version: '1.0.0', description: 'Datasets with places as OGC API – Features (Part 1: Core, GeoJSON).' },
    servers: [{ url: root }],
    paths: {
      '/': { get: { operationId: 'getLandingPage', summary: 'Landing page', responses: { '200': json('The landing page') } } },
      '/conformance': { get: { operationId: 'getConformanceDeclaration', summary: 'Conformance classes', responses: { '200': json('The conformance classes') } } },
      '/api': { get: { operationId: 'getApiDefinition', summary: 'This definition', responses: { '200': { description: 'OpenAPI 3.0', content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } } } } } },
      '/collections': { get: { operationId: 'getCollections', summary: 'Every dataset with places', responses: { '200': json('The collections') } } },
      '/collections/{collectionId}': {
        get: { operationId: 'describeCollection', summary: 'One collection', parameters: [collectionId], responses: { '200': json('The collection'), '404': failures['404'] } },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          summary: 'A page of features',
          parameters: [
            collectionId,
            { name: 'limit', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
            { name: 'bbox', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
            { name: 'bbox-crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] } },
            { name: 'datetime', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'string' } },
            { name: 'properties', in: 'query', required: false, description: 'Filters on the collection\'s columns: each column name, with a value equal to the column\'s (for example ?borough=Bronx).', style: 'form', explode: true, schema: { type: 'object', additionalProperties: { type: 'string' } } },
          ],
          responses: { '200': geojson('A FeatureCollection'), ...failures },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          summary: 'One feature',
          parameters: [collectionId, { name: 'featureId', in: 'path', required: true, description: 'The row id', schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': geojson('A Feature'), '404': failures['404'] },
        },
      },
    },
  };
}
