import { h } from 'preact';
import { Layout } from './components/Layout.tsx';
import { renderPage } from './components/render.tsx';
import type { SafeHtml } from './html.ts';

/**
 * The page frame for pages still written with the `html` template (the
 * account forms and the API reference): their body goes inside the same
 * Layout component the other pages use.
 */
export function layout(opts: { title: string; siteName: string; body: SafeHtml }): SafeHtml {
  return renderPage(h(Layout, { title: opts.title, siteName: opts.siteName, children: h('div', { dangerouslySetInnerHTML: { __html: opts.body.value } }) }));
}
