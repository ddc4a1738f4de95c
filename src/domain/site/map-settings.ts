import { z } from 'zod';
import { SLUG_PATTERN } from '../catalog/slug.ts';

/**
 * The settings of dataset maps: a tile server drawn beneath the data (off
 * until a site administrator names one, since tiles come from another site
 * and its terms must be met), its attribution, and a boundary dataset of the
 * portal's own drawn beneath the data as context (always available, offline
 * too). See docs/maps.md and ADR 24.
 */
export interface MapSettings {
  /** Raster tiles as an https URL template with `{z}`, `{x}` and `{y}`; null for none. */
  tileUrl: string | null;
  /** Whose tiles they are, shown on every map with tiles. */
  tileAttribution: string | null;
  /** Where the attribution links to (the tiles' copyright page). */
  tileAttributionUrl: string | null;
  /** The slug of a dataset of areas (city districts, ZIP codes) drawn beneath every map; null for none. */
  mapContext: string | null;
}

export const NO_MAP_SETTINGS: MapSettings = { tileUrl: null, tileAttribution: null, tileAttributionUrl: null, mapContext: null };

/** What the documentation suggests: OpenStreetMap's standard tiles, for light use (their tile usage policy). */
export const OSM_TILES = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '© OpenStreetMap contributors',
  tileAttributionUrl: 'https://www.openstreetmap.org/copyright',
} as const;

const TEMPLATE = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/\S*$/;
const PLACES = ['{z}', '{x}', '{y}'];

export const tileUrlField = z
  .string()
  .trim()
  .max(500, 'The tile address must be at most 500 characters long.')
  .refine((s) => s === '' || TEMPLATE.test(s), 'Give the tile address as a web address starting with https://, like https://tile.openstreetmap.org/{z}/{x}/{y}.png.')
  .refine((s) => s === '' || !TEMPLATE.test(s) || PLACES.every((p) => s.includes(p)), 'The tile address needs the places {z}, {x} and {y}, where each tile’s zoom and position go, like https://tile.openstreetmap.org/{z}/{x}/{y}.png.');

export const tileAttributionField = z.string().trim().max(200, 'The attribution must be at most 200 characters long.');

export const tileAttributionUrlField = z
  .string()
  .trim()
  .max(500, 'The attribution’s address must be at most 500 characters long.')
  .refine((s) => s === '' || /^https:\/\/\S+$/.test(s), 'Give the attribution’s address as a web address starting with https://, like https://www.openstreetmap.org/copyright.');

export const mapContextField = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s === '' || SLUG_PATTERN.test(s), 'Name the dataset of areas by its slug, like "zip-code-areas".');

/** The message when tiles are set without saying whose they are. */
export const ATTRIBUTION_NEEDED = 'Tiles need an attribution: say whose map they are, like “© OpenStreetMap contributors”, as the tile server’s terms ask.';
