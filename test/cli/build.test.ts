import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, builtEntry, sourceStamp } from '../../scripts/build.mjs';
import { HELP } from '../../src/cli/help.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('the stamp of the sources', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'plaza-stamp-'));
    await mkdir(join(root, 'src/main'), { recursive: true });
    await writeFile(join(root, 'src/main/cli.ts'), 'export {};\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stays the same while nothing changes, and moves with an edit, a new file or a removed one', async () => {
    const first = sourceStamp(root);
    expect(sourceStamp(root)).toBe(first);
    await utimes(join(root, 'src/main/cli.ts'), new Date(), new Date(Date.now() + 5000));
    const edited = sourceStamp(root);
    expect(edited).not.toBe(first);
    await writeFile(join(root, 'src/main/new.ts'), 'export {};\n');
    const added = sourceStamp(root);
    expect(added).not.toBe(edited);
    await rm(join(root, 'src/main/new.ts'));
    expect(sourceStamp(root)).toBe(edited);
  });
});

/** A copy of the project (its sources, messages and command) sharing its installed packages. */
async function projectCopy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'plaza-build-'));
  for (const part of ['bin', 'scripts', 'src', 'locales', 'package.json']) await cp(join(ROOT, part), join(root, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

describe('the compiled command', () => {
  let root: string;
  const plaza = (...args: string[]) => run(process.execPath, [join(root, 'bin/plaza.mjs'), ...args], { cwd: root });
  beforeAll(async () => {
    root = await projectCopy();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is built to dist/<stamp>/ and prints the help from there', async () => {
    const entry = await build(root);
    expect(entry).toBe(builtEntry(root));
    const { stdout } = await run(process.execPath, [entry, 'help']);
    expect(stdout).toBe(HELP);
  }, 30_000);

  it('runs from dist while the build is fresh, and builds again once a source file changed', async () => {
    const entry = builtEntry(root);
    // Marks this build, to see which code ran.
    await appendFile(entry, "\nprocess.stdout.write('(this build)\\n');\n");
    expect((await plaza('help')).stdout).toBe(`${HELP}(this build)\n`);

    await utimes(join(root, 'src/cli/help.ts'), new Date(), new Date(Date.now() + 5000));
    expect(builtEntry(root)).not.toBe(entry);
    expect((await plaza('help')).stdout).toBe(HELP);
    const builds = (await readdir(join(root, 'dist'))).filter((d) => !d.startsWith('.'));
    expect(builds.sort()).toEqual([entry.split('/').at(-2), builtEntry(root).split('/').at(-2)].sort());
  }, 30_000);
});

describe('a command that cannot be built, without tsx', () => {
  let root: string;
  beforeAll(async () => {
    // An installation without the development packages: every package but tsx.
    root = await mkdtemp(join(tmpdir(), 'plaza-nobuild-'));
    for (const part of ['bin', 'scripts', 'src', 'locales', 'package.json']) await cp(join(ROOT, part), join(root, part), { recursive: true });
    await mkdir(join(root, 'node_modules'));
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name !== 'tsx' && name !== '.bin') await symlink(join(ROOT, 'node_modules', name), join(root, 'node_modules', name), 'dir');
    }
    await appendFile(join(root, 'src/cli/help.ts'), '\nexport const broken = ;\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stops with a message that says so and how to mend it', async () => {
    const failed = await run(process.execPath, [join(root, 'bin/plaza.mjs'), 'help'], { cwd: root }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^plaza: the command could not be built \(.+\)\. Run `npm install` in .+ and try again\.\n$/s);
  }, 30_000);
});
