import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The messages of one rule for `code` linted as if it were the file at `filePath` (relative to the project). */
async function report(rule: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

const imports = (filePath: string, code: string) => report('no-restricted-imports', filePath, code);
const syntax = (filePath: string, code: string) => report('no-restricted-syntax', filePath, code);

describe('HTTP, pages, the CLI and the job workers stay away from the catalog store', () => {
  const samples = {
    'member access': 'export const f = (deps: any) => deps.catalog.accounts.getUser("u");',
    'through a context': 'export const f = (ctx: any) => ctx.deps.catalog.ping();',
    destructuring: 'export const f = (deps: any) => { const { catalog } = deps; return catalog; };',
    'destructuring a context': 'export const f = (ctx: any) => { const { deps: { catalog } } = ctx; return catalog; };',
    'a worker\'s dependencies': 'export class W { constructor(private readonly deps: () => any) {} f() { return this.deps().catalog.jobs.claimJob("t"); } }',
  };

  for (const [name, code] of Object.entries(samples)) {
    it(`refuses ${name} in pages, API routes, the CLI and the job workers`, async () => {
      for (const file of ['src/http/pages/sample.tsx', 'src/http/api/sample/routes.ts', 'src/cli/sample.ts', 'src/jobs/sample.ts']) {
        expect(await syntax(file, code), file).toEqual([expect.stringContaining('through actions')]);
      }
    });
  }

  it('allows other dependencies and actions to use the catalog', async () => {
    const other = 'export const f = (deps: any, ctx: any) => { const { clock } = deps; return [clock.now(), deps.blobs, ctx.deps.locales, ctx.catalog]; };';
    expect(await syntax('src/http/pages/sample.tsx', other)).toEqual([]);
    expect(await syntax('src/actions/catalog/sample.ts', samples['member access'])).toEqual([]);
  });
});

describe('who may see and do what is decided in actions', () => {
  it('refuses policy.ts in HTTP, pages and the CLI', async () => {
    expect(await imports('src/http/pages/publish/sample.tsx', "import { canEditIn } from '../../../domain/accounts/policy.ts';\nexport { canEditIn };")).toEqual([expect.stringContaining('belong to actions')]);
    expect(await imports('src/http/api/sample/routes.ts', "import { canEditIn } from '../../../domain/accounts/policy.ts';\nexport { canEditIn };")).toEqual([expect.stringContaining('belong to actions')]);
    expect(await imports('src/cli/sample.ts', "import { canEditIn } from '../domain/accounts/policy.ts';\nexport { canEditIn };")).toEqual([expect.stringContaining('belong to actions')]);
  });

  it('allows it in actions, and other domain code anywhere', async () => {
    expect(await imports('src/actions/catalog/sample.ts', "import { canEditIn } from '../../domain/accounts/policy.ts';\nexport { canEditIn };")).toEqual([]);
    expect(await imports('src/http/pages/sample.tsx', "import { anonymous } from '../../domain/accounts/principal.ts';\nexport { anonymous };")).toEqual([]);
  });
});

describe('actions', () => {
  it('reach files through ports, not fs', async () => {
    for (const from of ['node:fs', 'node:fs/promises', 'fs', 'fs/promises']) {
      expect(await imports('src/actions/ingest/sample.ts', `import * as files from '${from}';\nexport { files };`), from).toEqual([expect.stringContaining('through ports')]);
    }
    expect(await imports('src/actions/ingest/sample.ts', "import { join } from 'node:path';\nexport { join };")).toEqual([]);
    expect(await imports('src/adapters/files/sample.ts', "import * as files from 'node:fs';\nexport { files };")).toEqual([]);
  });

  it('never import the processes that run them', async () => {
    expect(await imports('src/actions/catalog/sample.ts', "import { runWorker } from '../../jobs/worker.ts';\nexport { runWorker };")).toEqual([expect.stringContaining('never to adapters')]);
    expect(await imports('src/actions/catalog/sample.ts', "import type { JobHandler } from '../jobs/handler.ts';\nexport type { JobHandler };")).toEqual([]);
  });
});

describe('the CLI and the browser', () => {
  it('the CLI never reaches the composition root', async () => {
    expect(await imports('src/cli/sample.ts', "import { buildPlaza } from '../main/container.ts';\nexport { buildPlaza };")).toEqual([expect.stringContaining('never reaches the container')]);
    expect(await imports('src/cli/sample.ts', "import { runIngest } from '../actions/ingest/run-ingest.ts';\nexport { runIngest };")).toEqual([]);
  });

  it('browser islands share only pure domain code', async () => {
    for (const from of ['../actions/deps.ts', '../ports/clock.ts', 'node:fs', '../http/route.ts']) {
      expect(await imports('src/client/sample.ts', `import * as other from '${from}';\nexport { other };`), from).toEqual([expect.stringContaining('runs in the browser')]);
    }
    expect(await imports('src/client/sample.ts', "import { CHART_TYPES } from '../domain/chart/spec.ts';\nexport { CHART_TYPES };")).toEqual([]);
  });
});

describe('import cycles', () => {
  // The rule follows imports between real files, so the samples are written to a folder in the project.
  const folder = join(ROOT, 'test/lint', `cycle-sample-${process.pid}`);

  beforeAll(async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a.ts'), "import type { B } from './b.ts';\nexport interface A { b?: B }\n");
    await writeFile(join(folder, 'b.ts'), "import type { A } from './a.ts';\nexport interface B { a?: A }\n");
    await writeFile(join(folder, 'c.ts'), "import { d } from './d.ts';\nexport const c = d + 1;\n");
    await writeFile(join(folder, 'd.ts'), 'export const d = 1;\n');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  // The folder is in the config's ignores, so that linting the project meanwhile does not see it.
  const unignored = new ESLint({ cwd: ROOT, ignore: false });
  const cycles = async (name: string): Promise<string[]> => {
    const [result] = await unignored.lintFiles([join(folder, name)]);
    return (result?.messages ?? []).filter((m) => m.ruleId === 'plaza/no-import-cycle').map((m) => m.message);
  };

  it('count type-only imports', async () => {
    expect(await cycles('a.ts')).toEqual([expect.stringMatching(/a\.ts → .*b\.ts → .*a\.ts/)]);
    expect(await cycles('b.ts')).toHaveLength(1);
  });

  it('leave imports that do not come back alone', async () => {
    expect(await cycles('c.ts')).toEqual([]);
    expect(await cycles('d.ts')).toEqual([]);
  });
});
