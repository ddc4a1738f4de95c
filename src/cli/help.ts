/** The text of `plaza --help`; docs/cli.md documents each command (a test checks). */
export const HELP = `plaza — an open data portal for a city

Usage:
  plaza start                 serve the portal; the first start loads the demo city
  plaza serve                 serve the portal without loading the demo
  plaza web                   serve pages and the API only; jobs wait for a worker
  plaza worker                run queued jobs and background work (mail, webhooks,
                              digests) for the portal in the same data folder or database
  plaza load FILE --org NAME --title TITLE [--slug S] [--description TEXT]
             [--type column=type ...] [--policy lenient|strict] [--sheet NAME]
             [--license ID] [--publish] [--create-org]
                              load a file as a dataset (or a new version of --slug);
                              it stays a draft unless --publish; --create-org
                              creates the organization NAME when there is none
  plaza export DATASET [--format csv|json|ndjson|geojson|parquet|xlsx] [--out FILE]
             [--where EXPR] [--select LIST] [--order-by LIST] [--limit N] [--version N] [--derived]
                              write a dataset, or part of it, to a file or stdout;
                              --derived adds the columns Plaza derived on ingest
  plaza admin create [--name NAME]
                              create a site administrator's API token (shown once)
  plaza admin password [--email EMAIL]
                              give an account (default: the site administrator)
                              a new password, printed once
  plaza harvest add|list|run|report|fetch …
                              bring other portals' catalogs in (plaza help harvest)
  plaza backup DIR            back the site up into the new or empty folder DIR while
                              it runs: the catalog, every file, a manifest of hashes
  plaza restore DIR [--check] [--resume]
                              restore the backup in DIR into the empty site the
                              settings name; --check only verifies its files;
                              --resume goes on with a restore that stopped midway
  plaza --help                this help

Settings come from environment variables (see docs/settings.md), e.g.
PLAZA_DATA_DIR (default ./data) and PLAZA_PORT (default 8080).
Column types: integer, decimal, boolean, date, timestamp, time, text, geometry.
`;

/** The text of `plaza help harvest`; docs/harvest.md shows the same usage (a test checks). */
export const HARVEST_HELP = `plaza harvest — bring other portals' catalogs into this one

Usage:
  plaza harvest add --kind ckan|dcat-us|dcat-ap|socrata|plaza URL [--name NAME] [--org ORG]
                    [--peer] [--no-harvest] [--every HOURS|--manual]
                              add a source: its datasets are harvested every 24 hours
                              (--every HOURS, or --manual for on demand only) into the
                              organization ORG (default: one named after the source);
                              --peer also lists it in the peer network, --no-harvest
                              lists it as a peer only
  plaza harvest list          the sources: id, name, kind, URL, roles, schedule, last run
  plaza harvest run [ID]      harvest one source, or every harvested source, now, and
                              print each run's report; exits with 1 if a run failed
  plaza harvest report RUN_ID print a run's report again
  plaza harvest fetch ID      load the CSV, GeoJSON or spreadsheet data of every dataset
                              of a source as versions, printing progress

The command acts as the site administrator. Sources on a private network or
this machine need PLAZA_ALLOW_PRIVATE_URLS=true. See docs/harvest.md.
`;
