import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/**
 * Outside readers of the files Plaza exports: GDAL's `ogrinfo` (Debian's
 * gdal-bin, which `.ci/run` installs) and, where a Python environment has it,
 * GeoPandas (GeoParquet through pyarrow and shapely; neither is a Debian
 * package, so it is optional). Without a tool, its tests are skipped with a
 * warning; with PLAZA_REQUIRE_SERVICES=1 (as in CI) a missing required tool
 * fails saying why.
 */
export const OGRINFO = process.env.PLAZA_OGRINFO ?? 'ogrinfo';
export const GEO_PYTHON = process.env.PLAZA_GEO_PYTHON ?? '/opt/plaza-geo/bin/python';

const required = (): boolean => process.env.PLAZA_REQUIRE_SERVICES === '1';

export interface Tool {
  name: string;
  /** Why it cannot run here, or null when it can. */
  problem: string | null;
  how: string;
  /** Skipped when missing, even in CI: not installable from the npm registry or Debian's packages. */
  optional?: boolean;
}

function probe(command: string, args: string[]): string | null {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return `${command} cannot be run (${r.error.message})`;
  if (r.status !== 0) return `${command} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().slice(0, 300)}`;
  return null;
}

export const ogrinfo = (): Tool => ({ name: 'ogrinfo', problem: probe(OGRINFO, ['--version']), how: 'Install it (apt-get install gdal-bin) or point PLAZA_OGRINFO at it.' });

export const geopandas = (): Tool => ({
  name: 'GeoPandas',
  problem: probe(GEO_PYTHON, ['-c', 'import geopandas, pyarrow, shapely']),
  how: 'Make a Python environment with them (python3 -m venv /opt/plaza-geo; /opt/plaza-geo/bin/pip install geopandas pyarrow) or point PLAZA_GEO_PYTHON at a Python that has them.',
  optional: true,
});

/** A test that needs an outside tool: skipped with a warning when the tool is missing, failing instead under PLAZA_REQUIRE_SERVICES=1. */
export function itWith(tool: Tool, name: string, fn: () => Promise<void>, timeout?: number): void {
  if (tool.problem && (!required() || tool.optional)) {
    console.warn(`Skipping "${name}": ${tool.problem}. ${tool.how} ${tool.optional ? 'It is optional, also in CI.' : 'PLAZA_REQUIRE_SERVICES=1 makes this a failure.'}`);
    it.skip(name, fn);
    return;
  }
  it(
    name,
    async () => {
      if (tool.problem) throw new Error(`${tool.name} is required (PLAZA_REQUIRE_SERVICES=1): ${tool.problem}. ${tool.how}`);
      await fn();
    },
    timeout,
  );
}

/** Runs a tool and returns what it printed; throws with its error output when it fails. */
export function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
