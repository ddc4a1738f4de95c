import type { DatasetChampion } from '../../../ports/store/champions.ts';
import { useT } from '../components/page-context.ts';

/** On a dataset's page: "Data champion: <name>" for each published champion looking after it, with their tier; nothing when none. */
export function DatasetChampions({ champions }: { champions: readonly DatasetChampion[] }) {
  const t = useT();
  if (!champions.length) return null;
  return (
    <p class="dataset-champions">
      {champions.map((c, i) => (
        <span key={c.id}>
          {i > 0 ? <br /> : null}
          {t.t('champions.onDataset')} <a href={`/champions/${encodeURIComponent(c.slug)}`}>{c.name}</a> ({t.t(`champions.tier.${c.tier}`)})
        </span>
      ))}
    </p>
  );
}
