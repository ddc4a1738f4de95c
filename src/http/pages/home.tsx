import type { DatasetSummary } from '../../actions/catalog/read-datasets.ts';
import type { HomeContent } from '../../actions/site/home.ts';
import { Layout, type LayoutUser } from './components/Layout.tsx';
import { renderPage } from './components/render.tsx';
import type { SafeHtml } from './html.ts';
import { lookOf } from './site-look.ts';

const num = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

const HOME_STYLE = `.hero{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1.5rem;margin:0 0 1.5rem}.hero h1{margin:0 0 .25rem}
.hero .search input[type=search]{min-width:min(32rem,100%);font-size:1.15rem;padding:.6rem}.hero .search button{font-size:1.1rem;padding:.55rem 1rem}
.themes{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem}.themes li{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
.numbers{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem;margin:0}.numbers div{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.75rem}.numbers dd{margin:0;font-size:1.6rem;font-weight:700}.numbers dt{font-weight:400;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:0 1rem}.cards h3{margin:.1rem 0 .3rem;font-size:1.05rem}`;

function Cards({ items, label }: { items: DatasetSummary[]; label: string }) {
  return (
    <ul class="cards" aria-label={label} style="list-style:none;padding:0">
      {items.map(({ dataset, organization, live }) => (
        <li class="card" key={dataset.id}>
          <h3>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h3>
          <p class="meta">
            {organization?.name ?? ''}
            {live?.rowCount !== undefined && live.rowCount !== null ? ` · ${plural(live.rowCount, 'row', 'rows')}` : ''} · updated {dataset.updatedAt.slice(0, 10)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The home page: the city's name, a search box, themes, featured and recent datasets, top problems and the portal's numbers. */
export function homePage(content: HomeContent, envName: string, user?: LayoutUser): SafeHtml {
  const { site, themes, featured, chosen, recent, numbers } = content;
  return renderPage(
    <Layout title="Open data" siteName={envName} site={lookOf(site)} user={user} styles={HOME_STYLE}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{site.name}</h1>
        <p>Find, explore and download the city’s open data.</p>
        <form class="search" role="search" action="/datasets" method="get">
          <div>
            <label for="home-q">Search datasets</label>
            <br />
            <input id="home-q" name="q" type="search" placeholder="Permits, trees, budget…" />
          </div>
          <button type="submit">Search</button>
        </form>
      </section>

      <section aria-labelledby="home-themes">
        <h2 id="home-themes">Themes</h2>
        <ul class="themes">
          {themes.map(({ theme, count }) => (
            <li key={theme}>
              {count > 0 ? <a href={`/datasets?theme=${encodeURIComponent(theme)}`}>{theme}</a> : <span>{theme}</span>} <span class="meta">({plural(count, 'dataset', 'datasets')})</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-featured">
        <h2 id="home-featured">{chosen ? 'Featured datasets' : 'Most viewed datasets'}</h2>
        {featured.length ? <Cards items={featured} label={chosen ? 'Featured datasets' : 'Most viewed datasets'} /> : <p>No datasets are published yet.</p>}
      </section>

      <section aria-labelledby="home-recent">
        <h2 id="home-recent">Recently updated</h2>
        {recent.length ? <Cards items={recent} label="Recently updated datasets" /> : <p>No datasets are published yet.</p>}
        <p>
          <a href="/datasets">All {plural(numbers.datasets, 'dataset', 'datasets')}</a>
        </p>
      </section>

      <section aria-labelledby="home-problems">
        <h2 id="home-problems">Top problems</h2>
        <p>No problems have been posted yet. Soon residents will be able to post the problems they see in the city, vote on the ones that matter most to them, and link the data that helps explain or solve them.</p>
      </section>

      <section aria-labelledby="home-numbers">
        <h2 id="home-numbers">The portal in numbers</h2>
        <dl class="numbers">
          <div>
            <dt>Datasets published</dt>
            <dd>{num(numbers.datasets)}</dd>
          </div>
          <div>
            <dt>Organizations publishing</dt>
            <dd>{num(numbers.organizations)}</dd>
          </div>
          <div>
            <dt>Themes with data</dt>
            <dd>{num(numbers.themes)}</dd>
          </div>
          <div>
            <dt>Rows of public data</dt>
            <dd>{num(numbers.rows)}</dd>
          </div>
        </dl>
      </section>
    </Layout>,
  );
}
