import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SafeHtml } from '../html.ts';

/** A whole page as HTML: components escape every text and attribute they render. */
export const renderPage = (page: JSX.Element): SafeHtml => new SafeHtml(`<!doctype html>\n${renderToString(page)}`);
