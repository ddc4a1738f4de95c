import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES, loadLocales } from '../../src/adapters/locales/files.ts';
import { championFields } from '../../src/domain/program/champions.ts';
import { ruleText } from '../../src/http/pages/components/rule-text.ts';

const es = loadLocales([BUILT_IN_LOCALES]).translator('es');
const long = (n: number) => 'x'.repeat(n + 1);

/** Every message the champion form may get, from its rules and its action, in Spanish too. */
describe('the champion profile’s messages', () => {
  it('are in Spanish for every field the rules refuse', () => {
    const bad = [
      {},
      { name: long(150), tier: 'boss', organization: long(200), department: long(200), bio: long(1000), consent: long(300), topics: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      { name: 'Ana', tier: 'external', department: 'X', datasets: Array.from({ length: 51 }, (_, i) => `d${i}`), channels: [{ kind: 'fax', value: '' }, { kind: 'office_hours', value: long(300), place: long(300) }] },
      { name: 'Ana', tier: 'external', department: 'X', projects: Array.from({ length: 51 }, (_, i) => `p${i}`) },
      { name: 'Ana', tier: 'external', department: 'X', topics: [long(200)], channels: [{ kind: 'office_hours', value: 'Mon' }, { kind: 'office_hours', value: 'Tue', place: 'Here' }] },
    ];
    const messages = new Set<string>();
    for (const input of bad) {
      const r = championFields.safeParse(input);
      expect(r.success).toBe(false);
      for (const i of r.error!.issues) messages.add(i.message);
    }
    for (const m of [
      'Record how the person agreed to be shown before publishing the profile.',
      'You have a champion profile already; edit it instead.',
      '"Health" is not one of the catalog\'s themes.',
      'There is no published dataset "trees"; name datasets by their slug.',
      'There is no organization "Parks".',
      'There is no project "pantry"; name projects by their slug.',
      'Only program staff and the person it belongs to may edit a champion profile.',
    ]) messages.add(m);
    expect(messages.size).toBeGreaterThan(15);
    const untranslated = [...messages].filter((m) => ruleText(es, m) === m);
    expect(untranslated).toEqual([]);
  });
});
