import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SafeHtml } from '../html.ts';

/** A whole page as HTML: components escape every text and attribute they render. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page component, whatever its props
export const renderPage = (page: VNode<any>): SafeHtml => new SafeHtml(`<!doctype html>\n${renderToString(page)}`);
