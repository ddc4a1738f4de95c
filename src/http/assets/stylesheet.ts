import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { STYLE } from '../pages/components/style.ts';
import { classesOf, joinRules, splitRules, splitSelectors, type CssRule } from './css-rules.ts';

/** One file the stylesheet needs (itself, a font, an icon), at an address that changes with its content. */
export interface StyleFile {
  path: string;
  type: string;
  bytes: Buffer;
}

/**
 * The U.S. Web Design System's components the pages use: rules that name any
 * other USWDS class (utilities, the grid, the banner, modals…) are left out,
 * which takes its compiled CSS from 527 KB to about a fifth of that.
 */
const COMPONENTS =
  /^usa-(alert|button|card|checkbox|current|error-message|fieldset|focus|form|hint|icon|input|label|legend|link|list|logo|pagination|radio|search|select|sidenav|skipnav|sr-only|step-indicator|summary-box|table|tag|textarea)(?![a-z])/;

/** The one font family served: regular and bold, no italics (browsers slant the regular). Every other @font-face goes. */
const FONTS = new Set(['sourcesanspro-regular-webfont.woff2', 'sourcesanspro-bold-webfont.woff2']);
const SANS = 'Source Sans Pro Web,Helvetica Neue,Helvetica,Roboto,Arial,sans-serif';
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

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

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
    if (r.prelude.startsWith('@font-face')) {
      const font = /url\(\.\.\/fonts\/[^)]*\/([^/)]+)\)/.exec(r.body)?.[1];
      return font && FONTS.has(font) ? [r] : [];
    }
    if (/^@(media|supports)/.test(r.prelude)) {
      const inner = keep(splitRules(r.body));
      return inner.length ? [{ prelude: r.prelude, body: joinRules(inner) }] : [];
    }
    if (r.prelude.startsWith('@')) return [r];
    const selectors = splitSelectors(r.prelude).filter((s) => classesOf(s).every((c) => COMPONENTS.test(c)));
    return selectors.length ? [{ prelude: selectors.join(','), body: r.body }] : [];
  });
}

export interface Stylesheet {
  /** The stylesheet pages link to. */
  css: StyleFile;
  /** The icon sprite, for `<use href="…#name">`. */
  icons: StyleFile;
  /** Every file, the stylesheet and sprite included, by its path. */
  files: Map<string, StyleFile>;
}

/**
 * The portal's stylesheet: USWDS's compiled CSS (only the components used,
 * one font, colours themed by custom properties), then the portal's own
 * rules. Fonts and images it names are served beside it, from the package,
 * each at a hashed address.
 */
export function buildStylesheet(): Stylesheet {
  const dist = dirname(dirname(createRequire(import.meta.url).resolve('@uswds/uswds/css/uswds.min.css')));
  const files = new Map<string, StyleFile>();
  const add = (f: StyleFile): StyleFile => (files.set(f.path, f), f);
  let css = joinRules(keep(splitRules(readFileSync(join(dist, 'css/uswds.min.css'), 'utf8'))));
  css = css.replace(/url\(\.\.\/((?:fonts|img)\/[^)]+)\)/g, (_, rel: string) => `url(${add(styleFile(basename(rel), readFileSync(join(dist, rel)))).path})`);
  css = css.replaceAll(SERIF, SANS).replace(/#[0-9a-f]{6}\b/gi, (hex) => (THEMED[hex.toLowerCase()] ? `var(${THEMED[hex.toLowerCase()]},${hex})` : hex));
  const sheet = add(styleFile('plaza.css', Buffer.from(`${css}\n${STYLE}`)));
  const symbols = ICONS.map((name) => {
    const svg = readFileSync(join(dist, `img/usa-icons/${name}.svg`), 'utf8');
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 24 24';
    return `<symbol id="${name}" viewBox="${viewBox}">${svg.replace(/^[\s\S]*?<svg[^>]*>|<\/svg>\s*$/g, '')}</symbol>`;
  });
  const icons = add(styleFile('icons.svg', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>`)));
  const searchIcon = readFileSync(join(dist, 'img/usa-icons-bg/search--white.svg'));
  add(styleFile('search-white.svg', searchIcon));
  return { css: sheet, icons, files };
}

let built: Stylesheet | undefined;

/** The stylesheet, built on first use from files that never change while the portal runs (so one copy serves every app in the process). */
export function stylesheet(): Stylesheet {
  built ??= buildStylesheet();
  return built;
}

/** The search button's icon (white on the button), by its served address. */
export const searchIconHref = (): string => [...stylesheet().files.values()].find((f) => f.path.startsWith('/assets/search-white.'))!.path;
