import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SafeHtml } from '../html.ts';
import { PageCtx, type PageContext } from './page-context.ts';

/** A whole page as HTML, in the request's language and look: components escape every text and attribute they render. */
export const renderPage = (page: JSX.Element, pc: PageContext): SafeHtml => new SafeHtml(`<!doctype html>\n${renderToString(<PageCtx.Provider value={pc}>{page}</PageCtx.Provider>)}`);
