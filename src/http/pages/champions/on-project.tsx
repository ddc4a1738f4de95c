import type { ProjectChampion } from '../../../ports/store/champions.ts';
import { useT } from '../components/page-context.ts';

/** On a project's page: its published champions, each linking to their page with their tier; nothing when none. */
export function ProjectChampions({ champions }: { champions: readonly ProjectChampion[] }) {
  const t = useT();
  if (!champions.length) return null;
  return (
    <section id="champions" aria-labelledby="champions-heading">
      <h2 id="champions-heading">{t.t('champions.onProjectHeading')}</h2>
      <ul>
        {champions.map((c) => (
          <li key={c.id}>
            <a href={`/champions/${encodeURIComponent(c.slug)}`}>{c.name}</a> ({t.t(`champions.tier.${c.tier}`)})
          </li>
        ))}
      </ul>
    </section>
  );
}
