import type { Dataset } from '../../../domain/catalog/types.ts';
import type { FieldErrors } from './parts.tsx';
import type { Form } from './request.ts';

/** The describe form's values, all as the text its inputs hold; themes as `themes.N` → theme. */
export type DescribeValues = Record<string, string>;

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const blank = (s: string | undefined) => !s || !s.trim();

/** A dataset's metadata as the form shows it. */
export function valuesOf(d: Dataset, themes: readonly string[]): DescribeValues {
  const v: DescribeValues = {
    title: d.title,
    description: d.description,
    keywords: d.keywords.join(', '),
    publisher: d.publisher ?? '',
    contact_name: d.contactPoint?.name ?? '',
    contact_email: d.contactPoint?.email ?? '',
    license: d.license ?? '',
    frequency: d.frequency ?? '',
    temporal_start: d.temporal?.start ?? '',
    temporal_end: d.temporal?.end ?? '',
    spatial_place: d.spatial?.place ?? '',
    language: d.language.join(', '),
    access_level: d.accessLevel,
    suggested_uses: d.suggestedUses,
    known_limitations: d.knownLimitations,
  };
  themes.forEach((t, i) => {
    if (d.themes.includes(t)) v[`themes.${i}`] = t;
  });
  return v;
}

/** The posted form, keeping only the fields the describe form has. */
export function valuesFrom(form: Form, themes: readonly string[]): DescribeValues {
  const v: DescribeValues = {};
  for (const k of ['title', 'description', 'keywords', 'publisher', 'contact_name', 'contact_email', 'license', 'frequency', 'temporal_start', 'temporal_end', 'spatial_place', 'language', 'access_level', 'suggested_uses', 'known_limitations']) {
    v[k] = form[k] ?? '';
  }
  themes.forEach((t, i) => {
    if (form[`themes.${i}`] === t) v[`themes.${i}`] = t;
  });
  return v;
}

/** The form's values as the metadata `updateDataset` takes; blanks clear their field. */
export function metadataFrom(v: DescribeValues, d: Dataset, themes: readonly string[]): Record<string, unknown> {
  return {
    title: v.title ?? '',
    description: v.description ?? '',
    keywords: list(v.keywords),
    themes: themes.filter((_, i) => v[`themes.${i}`]),
    publisher: blank(v.publisher) ? null : v.publisher,
    contact_point: blank(v.contact_name) && blank(v.contact_email) ? null : { name: v.contact_name ?? '', email: (v.contact_email ?? '').trim() },
    license: v.license || null,
    frequency: v.frequency || null,
    temporal: blank(v.temporal_start) && blank(v.temporal_end) ? null : { start: v.temporal_start?.trim() || null, end: v.temporal_end?.trim() || null },
    spatial: blank(v.spatial_place) && !d.spatial?.bbox ? null : { place: v.spatial_place?.trim() || null, bbox: d.spatial?.bbox ?? null },
    language: list(v.language).map((l) => l.toLowerCase()),
    access_level: v.access_level || 'public',
    suggested_uses: v.suggested_uses ?? '',
    known_limitations: v.known_limitations ?? '',
  };
}

/** Where each of the API's field names is on the form. */
const FORM_FIELD: Record<string, string> = {
  contact_point: 'contact_email',
  'contact_point.name': 'contact_name',
  'contact_point.email': 'contact_email',
  temporal: 'temporal_start',
  'temporal.start': 'temporal_start',
  'temporal.end': 'temporal_end',
  spatial: 'spatial_place',
  'spatial.place': 'spatial_place',
};

/** Problems named by the API's fields (`keywords.2`, `contact_point.email`), named by the form's. */
export function formErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = FORM_FIELD[field] ?? FORM_FIELD[field.split('.')[0] ?? ''] ?? field.split('.')[0] ?? 'form';
    out[key] ??= message;
  }
  return out;
}
