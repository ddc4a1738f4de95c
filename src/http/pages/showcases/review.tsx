import type { Showcase } from '../../../domain/community/showcases.ts';
import { Layout } from '../components/Layout.tsx';
import type { PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { GALLERY_STYLE, ShowcaseCard } from './gallery.tsx';

/** `/showcases/review`: what waits for a moderator, oldest first, each opening on its page with the decision forms. */
export function reviewPage(pc: PageContext, pending: readonly Showcase[], widths: readonly number[]): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('showcases.reviewTitle')} styles={GALLERY_STYLE}>
      <h1>{t.t('showcases.reviewTitle')}</h1>
      <p>{t.t('showcases.reviewIntro')}</p>
      {pending.length ? (
        <ul class="showcase-grid">
          {pending.map((s) => (
            <ShowcaseCard key={s.id} s={s} widths={widths} />
          ))}
        </ul>
      ) : (
        <p>{t.t('showcases.reviewNone')}</p>
      )}
    </Layout>,
    pc,
  );
}
