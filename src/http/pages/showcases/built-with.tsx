import type { Dataset } from '../../../domain/catalog/types.ts';
import type { ShowcasePage } from '../../../ports/store/showcases.ts';
import { useT } from '../components/page-context.ts';
import { GALLERY_STYLE, ShowcaseCard } from './gallery.tsx';

/** What the community built with one dataset, for its page. */
export interface BuiltWith {
  page: ShowcasePage;
  widths: readonly number[];
}

/** The dataset page's "Built with this data": its approved showcases, the newest first, and a way to add one. */
export function BuiltWithSection({ dataset, built }: { dataset: Pick<Dataset, 'slug'>; built: BuiltWith }) {
  const t = useT();
  const all = `/showcases?dataset=${encodeURIComponent(dataset.slug)}`;
  return (
    <section class="card" aria-labelledby="built-with">
      <style dangerouslySetInnerHTML={{ __html: GALLERY_STYLE }} />
      <h2 id="built-with">{t.t('showcases.builtWith')}</h2>
      {built.page.results.length ? (
        <ul class="showcase-grid">
          {built.page.results.map((s) => (
            <ShowcaseCard key={s.id} s={s} widths={built.widths} level={3} />
          ))}
        </ul>
      ) : (
        <p>{t.t('showcases.builtWithNone')}</p>
      )}
      <p>
        {built.page.total > built.page.results.length ? (
          <>
            <a href={all}>{t.t('showcases.builtWithAll', { count: built.page.total })}</a>
            {' · '}
          </>
        ) : null}
        <a href="/showcases/new">{t.t('showcases.submit')}</a>
      </p>
    </section>
  );
}
