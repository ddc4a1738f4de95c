import type { DatasetSummary } from '../../../actions/catalog/read-datasets.ts';
import type { HomeContent } from '../../../actions/site/home.ts';
import { searchIconHref } from '../../assets/stylesheet.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { vocab } from '../components/vocab.ts';
import type { SafeHtml } from '../html.ts';

const HOME_STYLE = `.hero{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1.5rem;margin:0 0 1.5rem}.hero h1{margin:0 0 .25rem}
.themes{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem}.themes li{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
.numbers{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem;margin:0}.numbers div{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.75rem}.numbers dd{margin:0;font-size:1.6rem;font-weight:700}.numbers dt{font-weight:400;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:0 1rem}.cards h3{margin:.1rem 0 .3rem;font-size:1.05rem}`;

function Cards({ items, label }: { items: DatasetSummary[]; label: string }) {
  const t = useT();
  return (
    <ul class="cards card-list" aria-label={label}>
      {items.map(({ dataset, organization, live }) => (
        <li class="usa-card" key={dataset.id}>
          <div class="usa-card__container">
          <h3>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h3>
          <p class="meta">
            {organization?.name ?? ''}
            {live?.rowCount !== undefined && live.rowCount !== null ? ` · ${t.t('common.rows', { count: live.rowCount })}` : ''} · {t.t('common.updated', { date: dataset.updatedAt })}
          </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The home page: the city's name, a search box, themes that have datasets, featured (or most viewed, once any is) and recent datasets, top problems and the portal's numbers. */
export function homePage(pc: PageContext, content: HomeContent): SafeHtml {
  const { t } = pc;
  const { site, themes, featured, chosen, recent, problems, showcases, numbers } = content;
  const none = <p>{t.t('home.noDatasets')}</p>;
  // Themes no published dataset has yet lead nowhere, so they are left out.
  const used = themes.filter((th) => th.count > 0);
  return renderPage(
    <Layout title={t.t('home.title')} styles={HOME_STYLE}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{site.name}</h1>
        <p>{t.t('home.tagline')}</p>
        <form class="search" action="/datasets" method="get">
          <div class="usa-search usa-search--big" role="search">
            <label class="usa-sr-only" for="home-q">
              {t.t('catalog.searchLabel')}
            </label>
            <input id="home-q" name="q" type="search" placeholder={t.t('home.placeholder')} class="usa-input" />
            <button type="submit" class="usa-button">
              <span class="usa-search__submit-text">{t.t('common.search')}</span>
              <img src={searchIconHref()} class="usa-search__submit-icon" alt={t.t('common.search')} />
            </button>
          </div>
        </form>
      </section>

      {used.length ? (
        <section aria-labelledby="home-themes">
          <h2 id="home-themes">{t.t('home.themes')}</h2>
          <ul class="themes">
            {used.map(({ theme, count }) => (
              <li key={theme}>
                <a href={`/datasets?theme=${encodeURIComponent(theme)}`}>{vocab(t, 'theme', theme)}</a> <span class="meta">({t.t('common.datasets', { count })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {featured.length ? (
        <section aria-labelledby="home-featured">
          <h2 id="home-featured">{t.t(chosen ? 'home.featured' : 'home.mostViewed')}</h2>
          <Cards items={featured} label={t.t(chosen ? 'home.featured' : 'home.mostViewed')} />
        </section>
      ) : null}

      <section aria-labelledby="home-recent">
        <h2 id="home-recent">{t.t('home.recent')}</h2>
        {recent.length ? <Cards items={recent} label={t.t('home.recentLabel')} /> : none}
        <p>
          <a href="/datasets">{t.t('home.all', { count: numbers.datasets })}</a>
        </p>
      </section>

      <section aria-labelledby="home-problems">
        <h2 id="home-problems">{t.t('home.problems')}</h2>
        {problems.length ? (
          <ol class="top-problems">
            {problems.map((x) => (
              <li key={x.id}>
                <a href={`/problems/${encodeURIComponent(x.id)}`}>{x.title}</a> <span class="meta">{t.t('home.problemMeta', { votes: x.votes, status: t.t(`problems.status.${x.status}`) })}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t.t('home.problemsEmpty')}</p>
        )}
        <p>
          <a href="/problems">{t.t('home.allProblems')}</a>
        </p>
      </section>

      <section aria-labelledby="home-showcases">
        <h2 id="home-showcases">{t.t('showcases.title')}</h2>
        {showcases.length ? (
          <ul>
            {showcases.map((x) => (
              <li key={x.id}>
                <a href={`/showcases/${encodeURIComponent(x.id)}`}>{x.title}</a> <span class="meta">{t.t(`showcases.kind.${x.kind}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.t('showcases.hubEmpty')}</p>
        )}
        <p>
          <a href="/showcases">{t.t('showcases.hubAll')}</a>
        </p>
      </section>

      <section aria-labelledby="home-numbers">
        <h2 id="home-numbers">{t.t('home.numbers')}</h2>
        <dl class="numbers">
          <div>
            <dt>{t.t('home.numDatasets')}</dt>
            <dd>{t.number(numbers.datasets)}</dd>
          </div>
          <div>
            <dt>{t.t('home.numOrganizations')}</dt>
            <dd>{t.number(numbers.organizations)}</dd>
          </div>
          <div>
            <dt>{t.t('home.numThemes')}</dt>
            <dd>{t.number(numbers.themes)}</dd>
          </div>
          <div>
            <dt>{t.t('home.numRows')}</dt>
            <dd>{t.number(numbers.rows)}</dd>
          </div>
        </dl>
      </section>
    </Layout>,
    pc,
  );
}
