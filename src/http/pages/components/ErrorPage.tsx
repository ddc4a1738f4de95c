import type { SafeHtml } from '../html.ts';
import { Layout } from './Layout.tsx';
import type { PageContext } from './page-context.ts';
import { renderPage } from './render.tsx';

/** A page that explains what went wrong, with a way back; title and message are already in the reader's language. */
export function errorPage(pc: PageContext, title: string, message: string): SafeHtml {
  return renderPage(
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/datasets">{pc.t.t('error.allDatasets')}</a>
      </p>
    </Layout>,
    pc,
  );
}
