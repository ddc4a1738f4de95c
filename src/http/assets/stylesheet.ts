import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { STYLE } from '../pages/components/style.ts';
import { classesOf, joinRules, splitRules, splitSelectors, type CssRule } from './css-rules.ts';

/** One file the stylesheet or the pages point to (an image, the icon sprite), at an address that changes with its content. */
export interface StyleFile {
  path: string;
  type: string;
  bytes: Buffer;
}

/**
 * The U.S. Web Design System's classes the pages use. A rule is kept only when
 * every USWDS class its selector names is one of these: utilities, the grid,
 * other components and the variants no page uses (button groups, icon lists,
 * stacked or striped tables, checkbox tiles…) are left out, which takes its
 * compiled CSS from 527 KB to under a sixth of that. A page that starts using
 * another class adds it here; `test/pages/look.test.ts` fails until it does.
 */
export const USWDS_CLASSES = new Set(
  [
    'alert alert--error alert--info alert--success button button--outline card card__container card__heading current',
    'error-message form form-group form-group--error hint icon input intro label legend logo',
    'pagination pagination__arrow pagination__button pagination__item pagination__link pagination__list',
    'pagination__next-page pagination__overflow pagination__previous-page search search--big search__submit-icon search__submit-text',
    'select sidenav sidenav__item skipnav sr-only step-indicator step-indicator__segment step-indicator__segment--complete',
    'step-indicator__segment--current step-indicator__segment-label step-indicator__segments table table--compact tag textarea',
    'alert--warning alert--slim alert__text button--secondary button--unstyled fieldset file-input radio radio__input radio__label tag--big',
    'alert__body alert__heading card-group card__body card__header table--borderless',
  ]
    .join(' ')
    .split(' ')
    .map((c) => `usa-${c}`),
);

/**
 * The system's own interface font: nothing to download, so text paints as
 * soon as the page arrives (USWDS's "system" typeface, ADR 28). USWDS's web
 * fonts are not served.
 */
export const SYSTEM_SANS = '-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif,Apple Color Emoji,Segoe UI Emoji';
const SYSTEM_MONO = 'ui-monospace,SFMono-Regular,Consolas,Liberation Mono,Menlo,monospace';
const SANS = 'Source Sans Pro Web,Helvetica Neue,Helvetica,Roboto,Arial,sans-serif';
const MONO = 'Roboto Mono Web,Bitstream Vera Sans Mono,Consolas,Courier,monospace';
const SERIF = 'Merriweather Web,Georgia,Cambria,Times New Roman,Times,serif';

/**
 * USWDS's primary colours, read from the site's accent colour: each becomes
 * a custom property the page sets from the settings (USWDS's own colour
 * stays as the fallback).
 */
const THEMED: Record<string, string> = {
  '#005ea2': '--plaza-accent',
  '#1a4480': '--plaza-accent-dark',
  '#162e51': '--plaza-accent-darker',
  '#2378c3': '--plaza-accent-vivid',
  '#73b3e7': '--plaza-accent-light',
  '#d9e8f6': '--plaza-accent-lighter',
};

/** The icons pages draw, gathered into one sprite of `<symbol>`s (the whole USWDS sprite is 71 KB). */
const ICONS = ['navigate_before', 'navigate_next', 'search'];

const TYPES: Record<string, string> = { '.svg': 'image/svg+xml' };

const hashed = (name: string, bytes: Buffer): string => {
  const dot = name.lastIndexOf('.');
  return `/assets/${name.slice(0, dot)}.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}${name.slice(dot)}`;
};

function styleFile(name: string, bytes: Buffer): StyleFile {
  return { path: hashed(name, bytes), type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream', bytes };
}

/** Keeps a style rule's selectors that name only the components above; at-rule blocks are read again inside. */
function keep(rules: CssRule[]): CssRule[] {
  return rules.flatMap((r): CssRule[] => {
    if (r.body === undefined) return r.prelude.startsWith('@charset') ? [] : [r];
    if (r.prelude.startsWith('@font-face')) return [];
    if (/^@(media|supports)/.test(r.prelude)) {
      const inner = keep(splitRules(r.body));
      return inner.length ? [{ prelude: r.prelude, body: joinRules(inner) }] : [];
    }
    if (r.prelude.startsWith('@')) return [r];
    const selectors = splitSelectors(r.prelude).filter((s) => classesOf(s).every((c) => USWDS_CLASSES.has(c)));
    return selectors.length ? [{ prelude: selectors.join(','), body: r.body }] : [];
  });
}

export interface Stylesheet {
  /** The CSS every page carries in its head (ADR 28: inlined, so a first visit paints without waiting for another file). */
  css: string;
  /** The icon sprite, for `<use href="…#name">`. */
  icons: StyleFile;
  /** Every file the CSS and pages point to (images, the sprite), by its path. */
  files: Map<string, StyleFile>;
}

/**
 * The portal's stylesheet: USWDS's compiled CSS (only the classes used, the
 * system's fonts, colours themed by custom properties), then the portal's own
 * rules. Images it names are served beside it, from the package, each at a
 * hashed address.
 */
export function buildStylesheet(): Stylesheet {
  const dist = dirname(dirname(createRequire(import.meta.url).resolve('@uswds/uswds/css/uswds.min.css')));
  const files = new Map<string, StyleFile>();
  const add = (f: StyleFile): StyleFile => (files.set(f.path, f), f);
  let css = joinRules(keep(splitRules(readFileSync(join(dist, 'css/uswds.min.css'), 'utf8'))));
  css = css.replace(/url\(\.\.\/(img\/[^)]+)\)/g, (_, rel: string) => `url(${add(styleFile(basename(rel), readFileSync(join(dist, rel)))).path})`);
  css = css.replaceAll(SERIF, SYSTEM_SANS).replaceAll(SANS, SYSTEM_SANS).replaceAll(MONO, SYSTEM_MONO).replaceAll('font-family:"Source Sans Pro Web"', `font-family:${SYSTEM_SANS}`).replace(/#[0-9a-f]{6}\b/gi, (hex) => (THEMED[hex.toLowerCase()] ? `var(${THEMED[hex.toLowerCase()]},${hex})` : hex));
  const symbols = ICONS.map((name) => {
    const svg = readFileSync(join(dist, `img/usa-icons/${name}.svg`), 'utf8');
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 24 24';
    return `<symbol id="${name}" viewBox="${viewBox}">${svg.replace(/^[\s\S]*?<svg[^>]*>|<\/svg>\s*$/g, '')}</symbol>`;
  });
  const icons = add(styleFile('icons.svg', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>`)));
  const searchIcon = readFileSync(join(dist, 'img/usa-icons-bg/search--white.svg'));
  add(styleFile('search-white.svg', searchIcon));
  return { css: `${css}\n${STYLE}`, icons, files };
}

let built: Stylesheet | undefined;

/** The stylesheet, built on first use from files that never change while the portal runs (so one copy serves every app in the process). */
export function stylesheet(): Stylesheet {
  built ??= buildStylesheet();
  return built;
}

/** The search button's icon (white on the button), by its served address. */
export const searchIconHref = (): string => [...stylesheet().files.values()].find((f) => f.path.startsWith('/assets/search-white.'))!.path;
