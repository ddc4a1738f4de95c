import type { Organization } from '../../../domain/catalog/types.ts';
import { CHAMPION_TIERS, type Champion, type ChampionTier } from '../../../domain/program/champions.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';

/** The directory's filters, from its URL. */
export interface DirectoryState {
  tier: ChampionTier | undefined;
  topic: string | undefined;
  /** An organization's slug. */
  organization: string | undefined;
}

export interface DirectoryData {
  results: Champion[];
  total: number;
  organizations: readonly Organization[];
  themes: readonly string[];
  /** The signed-in person's own profile, if any. */
  own: Champion | undefined;
}

export const DIRECTORY_STYLE = `.champion-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;margin:1rem 0;padding:0;list-style:none}
.champion-card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}.champion-card h2{font-size:1.15rem;margin:.25rem 0}.champion-card p{margin:.25rem 0;overflow-wrap:anywhere}
.champion-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.champion-filters .usa-form-group{margin:0}.champion-filters .usa-select{max-width:16rem}
.champion-tiers{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}.champion-tiers li{border-left:4px solid var(--line);padding-left:.75rem}.champion-tiers h2{font-size:1.1rem;margin:.25rem 0}`;

/** Where a champion belongs: their organization's name, or the department they named. */
export function belongsTo(c: Champion, organizations: readonly Organization[]): string {
  const org = c.organizationId ? organizations.find((o) => o.id === c.organizationId) : undefined;
  return [org?.name, c.department].filter(Boolean).join(' · ');
}

function Filters({ s, d }: { s: DirectoryState; d: DirectoryData }) {
  const t = useT();
  return (
    <form method="get" action="/champions" class="champion-filters" aria-label={t.t('champions.filters')}>
      <div class="usa-form-group">
        <label class="usa-label" for="tier">{t.t('champions.tierLabel')}</label>
        <select id="tier" name="tier" class="usa-select">
          <option value="">{t.t('champions.any')}</option>
          {CHAMPION_TIERS.map((k) => (
            <option key={k} value={k} selected={s.tier === k}>{t.t(`champions.tier.${k}`)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="topic">{t.t('champions.topicLabel')}</label>
        <select id="topic" name="topic" class="usa-select">
          <option value="">{t.t('champions.any')}</option>
          {d.themes.map((k) => (
            <option key={k} value={k} selected={s.topic === k}>{k}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="organization">{t.t('champions.organizationLabel')}</label>
        <select id="organization" name="organization" class="usa-select">
          <option value="">{t.t('champions.any')}</option>
          {d.organizations.map((o) => (
            <option key={o.id} value={o.slug} selected={s.organization === o.slug}>{o.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="usa-button">{t.t('champions.show')}</button>
    </form>
  );
}

/** `/champions`: the three tiers explained, then the published champions, filtered by a form that works without JavaScript. */
export function directoryPage(pc: PageContext, s: DirectoryState, d: DirectoryData): SafeHtml {
  const t = pc.t;
  const action = d.own ? { href: `/champions/${encodeURIComponent(d.own.slug)}/edit`, label: t.t('champions.editOwn') } : { href: pc.user ? '/champions/new' : `/sign-in?next=${encodeURIComponent('/champions/new')}`, label: t.t(pc.user ? 'champions.becomeOne' : 'champions.signInToJoin') };
  return renderPage(
    <Layout title={t.t('champions.title')} description={t.t('champions.intro')} styles={DIRECTORY_STYLE}>
      <h1>{t.t('champions.title')}</h1>
      <p>{t.t('champions.intro')}</p>
      <ul class="champion-tiers" aria-label={t.t('champions.tiersLabel')}>
        {CHAMPION_TIERS.map((k) => (
          <li key={k}>
            <h2>{t.t(`champions.tier.${k}`)}</h2>
            <p>{t.t(`champions.tierExplained.${k}`)}</p>
          </li>
        ))}
      </ul>
      <p>
        <a class="usa-button usa-button--outline" href={action.href}>{action.label}</a>
      </p>
      <Filters s={s} d={d} />
      <p role="status">{t.t('champions.count', { count: d.total })}</p>
      <ul class="champion-grid">
        {d.results.map((c) => (
          <li key={c.id} class="champion-card">
            <span class="usa-tag">{t.t(`champions.tier.${c.tier}`)}</span>
            <h2>
              <a href={`/champions/${encodeURIComponent(c.slug)}`}>{c.name}</a>
            </h2>
            <p>{belongsTo(c, d.organizations)}</p>
            {c.topics.length ? <p>{t.t('champions.topicsList', { topics: c.topics.join(', ') })}</p> : null}
          </li>
        ))}
      </ul>
    </Layout>,
    pc,
  );
}
