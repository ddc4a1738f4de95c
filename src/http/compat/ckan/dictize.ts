import type { CatalogEntry } from '../../../actions/catalog/catalog-pages.ts';
import type { Dataset, Organization, Resource, Version } from '../../../domain/catalog/types.ts';
import { frequencyById, licenseById } from '../../../domain/catalog/vocab.ts';
import { ckanFormat, ckanTime, mimetypeOf, themeName } from '../../../domain/compat/ckan/names.ts';

/** Formats Plaza exports a live table in (`/api/v1/datasets/{id}/export/{format}`). */
const EXPORTS = new Set(['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx']);

/** CKAN's `notspecified` licence, for datasets without one. */
const NOT_SPECIFIED = { id: 'notspecified', title: 'License not specified', url: '', open: false };

/** `state`: published and archived datasets are active; drafts and datasets waiting for review are drafts. */
const stateOf = (d: Dataset): 'active' | 'draft' => (d.status === 'published' || d.status === 'archived' ? 'active' : 'draft');

/** The dataset's page, CKAN's `url` of a package (its landing page). */
export const datasetPage = (d: Dataset, baseUrl: string): string => `${baseUrl}/datasets/${d.slug}`;

/** A tag dict; Plaza's keywords have no id of their own, so a tag's id is its name. */
export const tagDict = (name: string) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null });

/** An organization as CKAN nests it in a package (and the base of `organization_show`). */
export function organizationDict(o: Organization) {
  return {
    id: o.id,
    name: o.slug,
    title: o.name,
    type: 'organization',
    description: o.description,
    image_url: '',
    created: ckanTime(o.createdAt),
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  };
}

/** A theme as CKAN nests a group in a package. */
export const groupRef = (theme: string) => ({ id: themeName(theme), name: themeName(theme), title: theme, display_name: theme, description: '', image_display_url: '' });

/**
 * A resource dict. The file that made the live version is the DataStore's
 * table (`datastore_active`) and its `url` downloads the live data in the
 * file's format; links and APIs point where they point; older files point at
 * the dataset's page, as Plaza serves only the live data.
 */
export function resourceDict(r: Resource, d: Dataset, live: Version | undefined, baseUrl: string, position = 0) {
  const isLive = !!live && live.status === 'ready' && live.resourceId === r.id;
  const format = (r.format ?? '').toLowerCase();
  const exported = isLive ? (EXPORTS.has(format) ? format : 'csv') : format;
  const url = isLive
    ? `${baseUrl}/api/v1/datasets/${d.slug}/export/${exported}?version=${live.number}`
    : r.kind === 'file' ? datasetPage(d, baseUrl) : (r.sourceUrl ?? datasetPage(d, baseUrl));
  return {
    id: r.id,
    package_id: d.id,
    name: r.name,
    description: r.description,
    format: ckanFormat(exported || null),
    url,
    url_type: isLive ? 'upload' : null,
    mimetype: mimetypeOf(exported || null),
    mimetype_inner: null,
    size: isLive && exported === format ? r.sizeBytes : null,
    hash: '',
    created: ckanTime(r.createdAt),
    last_modified: isLive ? ckanTime(live.completedAt ?? live.createdAt) : null,
    metadata_modified: ckanTime(r.createdAt),
    position,
    state: 'active',
    resource_type: r.kind === 'api' ? 'api' : null,
    datastore_active: isLive,
    cache_url: null,
    cache_last_updated: null,
  };
}

/** Plaza's metadata CKAN has no field for, as `extras` (sorted by key, as CKAN sorts them). */
function extrasOf(d: Dataset, identifier?: string): { key: string; value: string }[] {
  const extras: Record<string, string> = {};
  // A harvested dataset keeps the identifier its source gave it, so that a harvester meets it as the same dataset.
  if (identifier) extras.identifier = identifier;
  if (d.temporal?.start) extras.temporal_start = d.temporal.start;
  if (d.temporal?.end) extras.temporal_end = d.temporal.end;
  if (d.spatial?.bbox) {
    const [w, s, e, n] = d.spatial.bbox;
    // ckanext-spatial's `spatial` extra: a GeoJSON geometry as a string.
    extras.spatial = JSON.stringify({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  }
  if (d.spatial?.place) extras.spatial_text = d.spatial.place;
  const frequency = frequencyById(d.frequency);
  if (frequency) extras.frequency = frequency.iso ?? frequency.id;
  if (d.language.length) extras.language = d.language.join(',');
  if (d.issued) extras.issued = d.issued;
  if (d.themes.length) extras.theme = JSON.stringify(d.themes);
  if (d.publisher) extras.publisher_name = d.publisher;
  extras.access_level = d.accessLevel;
  if (d.suggestedUses) extras.suggested_uses = d.suggestedUses;
  if (d.knownLimitations) extras.known_limitations = d.knownLimitations;
  return Object.keys(extras).sort().map((key) => ({ key, value: extras[key]! }));
}

/** A package dict, field by field as CKAN 2.10's `package_show` writes it (docs/ckan.md has the mapping). */
export function packageDict({ dataset: d, organization, live, resources, origin }: CatalogEntry, baseUrl: string) {
  const license = licenseById(d.license) ?? NOT_SPECIFIED;
  const tags = [...new Set(d.keywords)].sort().map(tagDict);
  const org = organization ? organizationDict(organization) : null;
  return {
    id: d.id,
    name: d.slug,
    title: d.title,
    notes: d.description,
    type: 'dataset',
    state: stateOf(d),
    private: d.accessLevel === 'private',
    author: d.publisher ?? organization?.name ?? '',
    author_email: '',
    maintainer: d.contactPoint?.name ?? '',
    maintainer_email: d.contactPoint?.email ?? '',
    license_id: license.id,
    license_title: license.title,
    license_url: license.url,
    isopen: license.open,
    url: datasetPage(d, baseUrl),
    version: live ? String(live.number) : '',
    metadata_created: ckanTime(d.createdAt),
    metadata_modified: ckanTime(d.updatedAt),
    creator_user_id: d.createdBy ?? '',
    owner_org: d.organizationId,
    organization: org,
    num_tags: tags.length,
    tags,
    groups: [...new Set(d.themes)].map(groupRef),
    num_resources: resources.length,
    resources: resources.map((r, i) => resourceDict(r, d, live, baseUrl, i)),
    extras: extrasOf(d, origin?.identifier),
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}
