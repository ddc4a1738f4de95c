import type { SafeHtml } from '../html.ts';
import { Layout } from './Layout.tsx';
import { renderPage } from './render.tsx';

/** A page that explains what went wrong, with a way back. */
export function errorPage(siteName: string, title: string, message: string): SafeHtml {
  return renderPage(
    <Layout title={title} siteName={siteName}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/datasets">All datasets</a>
      </p>
    </Layout>,
  );
}
