import type { Migration } from 'kysely';
import { stemmedSearch } from './0100_stemmed_search.ts';
import { columnRoles } from './0101_column_roles.ts';
import { problems } from './0102_problems.ts';
import { problemComments } from './0103_problem_comments.ts';
import { moderators } from './0104_moderators.ts';
import { activitySubject } from './0105_activity_subject.ts';
import { requests } from './0106_requests.ts';
import { showcases } from './0108_showcases.ts';
import { reports } from './0110_reports.ts';
import { emailVerification } from './0112_email_verification.ts';
import { problemLinks } from './0113_problem_links.ts';
import { communitySearch } from './0114_community_search.ts';
import { requestShowcaseSearch } from './0115_request_showcase_search.ts';
import { eventsStatements } from './0116_events_statements.ts';
import { ecosystem } from './0117_ecosystem.ts';
import { champions } from './0119_champions.ts';
import { datasetUseDays } from './0122_dataset_use_days.ts';
import { championProjects } from './0123_champion_projects.ts';
import { projects } from './0121_projects.ts';
import { fourByFourIds } from './0124_four_by_four.ts';
import { harvest } from './0125_harvest.ts';
import { jobLeases } from './0126_job_leases.ts';
import type { SchemaHooks, SharedMigration } from './hooks.ts';

/**
 * The catalog's migrations from 0100 on, written once for SQLite and
 * PostgreSQL, in the order they run: one file each, named `NNNN_what.ts`
 * after the migration, numbered from 0100 up with no gaps to fill and no
 * number used twice. Never edit one that shipped; add another at the end.
 * (How to write one: docs/ARCHITECTURE.md, "Adding a table"; why 0100: ADR 16.)
 */
export const SHARED_MIGRATIONS: ReadonlyArray<readonly [name: string, migration: SharedMigration]> = [
  ['0100_stemmed_search', stemmedSearch],
  ['0101_column_roles', columnRoles],
  ['0102_problems', problems],
  ['0103_problem_comments', problemComments],
  ['0104_moderators', moderators],
  ['0105_activity_subject', activitySubject],
  ['0106_requests', requests],
  ['0108_showcases', showcases],
  ['0110_reports', reports],
  ['0112_email_verification', emailVerification],
  ['0113_problem_links', problemLinks],
  ['0114_community_search', communitySearch],
  ['0115_request_showcase_search', requestShowcaseSearch],
  ['0116_events_statements', eventsStatements],
  ['0117_ecosystem', ecosystem],
  ['0119_champions', champions],
  ['0121_projects', projects],
  ['0122_dataset_use_days', datasetUseDays],
  ['0123_champion_projects', championProjects],
  ['0124_four_by_four', fourByFourIds],
  ['0125_harvest', harvest],
  ['0126_job_leases', jobLeases],
];

/** The first number of the shared list: every legacy name (0001–0004) sorts before it on both databases. */
export const FIRST_SHARED = '0100';

/**
 * One database's migrations: its frozen legacy list, then the shared list
 * bound to its hooks. Kysely runs migrations in name order and refuses a new
 * one that sorts before the last one a database ran, so a shared name that
 * would not sort after every legacy one, or a name used twice, stops here.
 */
export function catalogMigrations(legacy: Record<string, Migration>, hooks: SchemaHooks, shared = SHARED_MIGRATIONS): Record<string, Migration> {
  const out: Record<string, Migration> = { ...legacy };
  const last = Object.keys(legacy).sort().at(-1) ?? '';
  let previous = last;
  for (const [name, migration] of shared) {
    if (!/^\d{4}_[a-z0-9_]+$/.test(name) || name < FIRST_SHARED) throw new Error(`Shared migration ${name}: name it NNNN_what, numbered from ${FIRST_SHARED}`);
    if (name.slice(0, 4) <= previous.slice(0, 4)) throw new Error(`Shared migration ${name} must come after ${previous}, with a number of its own`);
    out[name] = { up: (db) => migration.up(db, hooks) };
    previous = name;
  }
  return out;
}
