// Only node built-ins and the help text load before a command is chosen: each
// command imports what it needs, so `plaza help` starts at once.
import { parseArgs } from 'node:util';
import { HARVEST_HELP, HELP } from '../cli/help.ts';

function fail(message: string, code = 1): never {
  process.stderr.write(`plaza: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'help' && rest[0] === 'harvest') {
    process.stdout.write(HARVEST_HELP);
    return;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const { loadConfig } = await import('../config.ts');
  const config = loadConfig();
  if (command === 'worker') {
    const [{ createPlaza }, { startWorker }, { shutdownOnSignals }, { jsonLogger }] = await Promise.all([import('./container.ts'), import('./worker.ts'), import('./web.ts'), import('../adapters/log/pino.ts')]);
    // JSON lines, as the web server's; `plaza web` and `plaza serve` log their background work the same way.
    const log = jsonLogger({ level: config.logLevel, role: 'worker' });
    const plaza = await createPlaza(config, { log });
    await startWorker(plaza);
    shutdownOnSignals(undefined, plaza, log);
    process.stdout.write(`Plaza's worker is running jobs and background work for ${config.siteName}; stop it with Ctrl-C.\n`);
    return;
  }
  if (command === 'start' || command === 'serve' || command === 'web') {
    const [{ createPlaza }, { startWorker }, { shutdownOnSignals, startWeb }, { ensureFirstAdmin, firstPasswordAhead, passwordFile, tokenFile }, { loadDemoOnce }, { jsonLogger }] = await Promise.all([
      import('./container.ts'),
      import('./worker.ts'),
      import('./web.ts'),
      import('../cli/admin-token.ts'),
      import('../cli/demo.ts'),
      import('../adapters/log/pino.ts'),
    ]);
    const log = jsonLogger({ level: config.logLevel, role: command === 'web' ? 'web' : 'serve' });
    const password = firstPasswordAhead(config.dataDir);
    const plaza = await createPlaza(config, { log });
    const withWorker = command !== 'web';
    const app = await startWeb(plaza, { withWorker });
    if (withWorker) await startWorker(plaza);
    shutdownOnSignals(app, plaza);
    const admin = await ensureFirstAdmin(plaza.deps, config.dataDir, password);
    const demo = command === 'start' && config.demo ? await loadDemoOnce(plaza.deps, admin.principal, config.dataDir) : undefined;
    const lines = [`\nPlaza is serving ${config.siteName} at ${config.baseUrl}${withWorker ? '' : ' (web only: run `plaza worker` for ingest and notifications)'}`];
    if (demo) lines.push(`Loading ${demo.queued} demo datasets in the background; they appear at ${config.baseUrl}/datasets within seconds.`);
    if (admin.created) {
      lines.push(`Admin API token (shown once, also saved in ${tokenFile(config.dataDir)}):\n  ${admin.token}`);
      lines.push(`Sign in at ${config.baseUrl}/sign-in as ${admin.email} with the password in ${passwordFile(config.dataDir)}`);
    }
    else lines.push(`Sign in to the API with the admin token in ${tokenFile(config.dataDir)}`);
    lines.push(`Use it as: curl -H "Authorization: Bearer $(cat ${tokenFile(config.dataDir)})" ${config.baseUrl}/api/v1/datasets\n`);
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  if (command === 'load') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        org: { type: 'string' },
        title: { type: 'string' },
        slug: { type: 'string' },
        description: { type: 'string' },
        type: { type: 'string', multiple: true },
        policy: { type: 'string' },
        sheet: { type: 'string' },
        license: { type: 'string' },
        publish: { type: 'boolean' },
        'create-org': { type: 'boolean' },
      },
    });
    const file = positionals[0];
    if (!file || !values.org || !values.title) fail('usage: plaza load FILE --org NAME --title TITLE [--slug S] [--type column=type ...] [--create-org]', 2);
    const types: Record<string, string> = {};
    for (const t of values.type ?? []) {
      const at = t.lastIndexOf('=');
      if (at <= 0) fail(`--type takes column=type, got "${t}"`, 2);
      types[t.slice(0, at)] = t.slice(at + 1);
    }
    const [{ createPlaza }, { startWorker }, { loadCommand }, { firstPasswordAhead }] = await Promise.all([
      import('./container.ts'),
      import('./worker.ts'),
      import('../cli/commands.ts'),
      import('../cli/admin-token.ts'),
    ]);
    const password = firstPasswordAhead(config.dataDir);
    const plaza = await createPlaza(config);
    try {
      const r = await loadCommand(plaza.deps, { dataDir: config.dataDir, startWorker: () => startWorker(plaza), password }, { file, org: values.org, title: values.title, slug: values.slug, description: values.description, types, policy: values.policy, sheet: values.sheet, license: values.license, publish: values.publish, createOrg: values['create-org'] }, process.stderr);
      process.stdout.write(`slug: ${r.slug}\nrows: ${r.rows}\ncolumns: ${r.columns}\nrejected: ${r.rejected}\nseconds: ${r.seconds.toFixed(2)}\n`);
    } finally {
      await plaza.close();
    }
    return;
  }
  if (command === 'export') {
    const [{ createPlaza }, { exportCommand }] = await Promise.all([import('./container.ts'), import('../cli/export.ts')]);
    const plaza = await createPlaza(config);
    try {
      await exportCommand(plaza.deps, config.dataDir, rest);
    } finally {
      await plaza.close();
    }
    return;
  }
  if (command === 'admin' && rest[0] === 'password') {
    const { values } = parseArgs({ args: rest.slice(1), options: { email: { type: 'string' } } });
    const [{ createPlaza }, { resetPasswordFromConsole }] = await Promise.all([import('./container.ts'), import('../actions/auth/first-password.ts')]);
    const plaza = await createPlaza(config);
    try {
      const r = await resetPasswordFromConsole(plaza.deps, values.email);
      process.stdout.write(`New password for ${r.email} (shown once): ${r.password}\n`);
    } finally {
      await plaza.close();
    }
    return;
  }
  if (command === 'admin' && rest[0] === 'create') {
    const { values } = parseArgs({ args: rest.slice(1), options: { name: { type: 'string' } } });
    const [{ createPlaza }, { adminCreateCommand }] = await Promise.all([import('./container.ts'), import('../cli/commands.ts')]);
    const plaza = await createPlaza(config);
    try {
      process.stdout.write(`${await adminCreateCommand(plaza.deps, values.name ?? 'admin')}\n`);
    } finally {
      await plaza.close();
    }
    return;
  }
  if (command === 'harvest') {
    if (!rest[0] || rest[0] === '--help' || rest[0] === '-h') {
      process.stdout.write(HARVEST_HELP);
      return;
    }
    const [{ createPlaza }, { startWorker }, { harvestCommand }, { firstPasswordAhead }] = await Promise.all([
      import('./container.ts'),
      import('./worker.ts'),
      import('../cli/harvest.ts'),
      import('../cli/admin-token.ts'),
    ]);
    const password = firstPasswordAhead(config.dataDir);
    const plaza = await createPlaza(config);
    let code: number;
    try {
      code = await harvestCommand(plaza.deps, { dataDir: config.dataDir, startWorker: () => startWorker(plaza), password }, rest, process.stdout, process.stderr);
    } finally {
      await plaza.close();
    }
    process.exitCode = code;
    return;
  }
  if (command === 'backup' || command === 'restore') {
    const { backupRestoreCommand } = await import('./backup.ts');
    process.exitCode = await backupRestoreCommand(command, rest, config);
    return;
  }
  fail(`unknown command "${argv.join(' ')}". Run plaza --help.`, 2);
}

main(process.argv.slice(2)).catch(async (e: unknown) => {
  const [{ AppError }, { ConfigError }] = await Promise.all([import('../domain/errors.ts'), import('../config.ts')]);
  if (e instanceof AppError) {
    const d = e.details ?? {};
    const where = typeof d.param === 'string' ? ` (in --${d.param.replace('_', '-')}, at character ${Number(d.position ?? 0) + 1})` : '';
    fail(`${e.message}${where}${typeof d.hint === 'string' ? `\n  hint: ${d.hint}` : ''}`);
  }
  if (e instanceof ConfigError) fail(e.message);
  if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(`${e.message}. Run plaza --help.`, 2);
  fail((e as Error).stack ?? String(e));
});
