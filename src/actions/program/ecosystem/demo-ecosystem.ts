import type { Deps, Principal } from '../../deps.ts';
import { importEcosystem, type ImportCounts } from './import-export.ts';

/** Loads the demo city's ecosystem map (demo/ecosystem.json, the import's JSON form) through the import people use. */
export async function seedDemoEcosystem(deps: Deps, actor: Principal, json: string): Promise<ImportCounts> {
  return importEcosystem(deps, actor, { json: { name: 'ecosystem.json', text: json } });
}
