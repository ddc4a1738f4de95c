import type { HarvestCounts, HarvestKind, HarvestRun } from '../../../domain/harvest/types.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { useT } from '../components/page-context.ts';

/** The harvest pages' few rules of their own: forms kept narrow, status tags, counts in a row, long addresses broken anywhere. */
export const HARVEST_STYLE = `form.harvest-form{max-width:36rem}form.inline{display:inline}.address{overflow-wrap:anywhere}
dl.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0}dl.counts div{display:flex;gap:.35rem}dl.counts dd{margin:0;font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.actions .usa-button{margin:0}`;

/** An instant as a date and the hour, in UTC. */
export const when = (t: Translator, iso: string): string => t.t('harvest.at', { date: t.date(iso), time: iso.slice(11, 16) });

/** A kind's name: "CKAN", "DCAT-US data.json"… */
// Kinds: harvest.kind.ckan, harvest.kind.dcat-us, harvest.kind.dcat-ap, harvest.kind.socrata, harvest.kind.plaza.
export const kindName = (t: Translator, kind: HarvestKind): string => t.t(`harvest.kind.${kind}`);

/** A run's status as a tag: warn for partial and failed runs. */
export function RunStatus({ run }: { run: HarvestRun }) {
  const t = useT();
  const warn = run.status === 'failed' || run.status === 'partial';
  // Statuses: harvest.status.queued, harvest.status.running, harvest.status.succeeded, harvest.status.partial, harvest.status.failed.
  return <span class={warn ? 'usa-tag warn badge' : 'usa-tag badge'}>{t.t(`harvest.status.${run.status}`)}</span>;
}

/** A run's counts as a short line. */
export const countsLine = (t: Translator, c: HarvestCounts): string => t.t('harvest.countsLine', { created: c.created, updated: c.updated, archived: c.archived, unchanged: c.unchanged, errors: c.errors });

/** A run's counts as a list of terms. */
export function Counts({ counts }: { counts: HarvestCounts }) {
  const t = useT();
  const keys = ['created', 'updated', 'archived', 'unchanged', 'errors'] as const;
  return (
    <dl class="counts">
      {keys.map((k) => (
        <div key={k}>
          {/* Counts: harvest.count.created, harvest.count.updated, harvest.count.archived, harvest.count.unchanged, harvest.count.errors. */}
          <dt>{t.t(`harvest.count.${k}`)}</dt>
          <dd>{t.number(counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The harvest pages' way back to the list. */
export function BackToSources() {
  const t = useT();
  return (
    <p class="meta">
      <a href="/admin/settings">{t.t('harvest.siteSettings')}</a> › <a href="/admin/harvest">{t.t('harvest.title')}</a>
    </p>
  );
}
