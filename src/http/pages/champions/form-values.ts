import { CHANNEL_KINDS, type Champion } from '../../../domain/program/champions.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import type { FormValues } from './form.tsx';

const KEYS = ['name', 'tier', 'organization', 'department', 'topics', 'bio', 'datasets', 'published', 'consent', 'self', ...CHANNEL_KINDS.flatMap((k) => [`channel_${k}`, `channel_${k}_shown`]), 'channel_office_hours_place'];

/** What the form sent, kept to show again when refused. */
export function formValues(body: unknown): FormValues {
  const f = (body ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const k of KEYS) {
    const v = f[k];
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  // Each project's box is a field of its own ("projects:<slug>"), as a plain form keeps one value per name.
  out.projects = Object.keys(f).filter((k) => k.startsWith('projects:') && f[k]).map((k) => k.slice('projects:'.length));
  return out;
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The form's fields as the actions' input: one channel for each kind given a value. */
export function championInput(v: FormValues): Record<string, unknown> {
  const channels = CHANNEL_KINDS.filter((k) => one(v[`channel_${k}`])).map((k) => ({
    kind: k,
    value: one(v[`channel_${k}`]),
    place: k === 'office_hours' ? one(v.channel_office_hours_place) : '',
    shown: one(v[`channel_${k}_shown`]) === 'on',
  }));
  return { name: one(v.name), tier: one(v.tier), organization: one(v.organization), department: one(v.department), topics: v.topics ?? [], bio: one(v.bio), channels, datasets: v.datasets ?? [], projects: v.projects ?? [], published: one(v.published) === 'on', consent: one(v.consent) };
}

/** A kept profile as the form's values, datasets and projects by slug. */
export function valuesOf(c: Champion, organizations: readonly Organization[], slugOf: (datasetId: string) => string | undefined, projectSlugOf: (projectId: string) => string | undefined = () => undefined): FormValues {
  const out: FormValues = {
    name: c.name,
    tier: c.tier,
    organization: organizations.find((o) => o.id === c.organizationId)?.slug ?? '',
    department: c.department,
    topics: c.topics,
    bio: c.bio,
    datasets: c.datasetIds.map(slugOf).filter((s): s is string => s !== undefined),
    projects: c.projectIds.map(projectSlugOf).filter((s): s is string => s !== undefined),
    published: c.published ? 'on' : '',
    consent: c.consent,
  };
  for (const x of c.channels) {
    out[`channel_${x.kind}`] = x.value;
    if (x.shown) out[`channel_${x.kind}_shown`] = 'on';
    if (x.kind === 'office_hours') out.channel_office_hours_place = x.place;
  }
  return out;
}
