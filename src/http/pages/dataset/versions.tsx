import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { useT } from '../components/page-context.ts';
import { Wide } from '../components/Wide.tsx';
import { Table } from '../components/Table.tsx';

/** Every version of the data, newest first: when, how many rows, and links to read or download each one. */
export function Versions({ d }: { d: DatasetDetail }) {
  const t = useT();
  if (!d.versions.length) return null;
  const n = (x: number | null): string => (x === null ? '—' : t.number(x));
  // Version states: dataset.versionStatus.ready, dataset.versionStatus.pending, dataset.versionStatus.failed.
  const status = (s: string): string => (t.has(`dataset.versionStatus.${s}`) ? t.t(`dataset.versionStatus.${s}`) : s);
  const api = `/api/v1/datasets/${d.dataset.slug}`;
  return (
    <section class="card" aria-labelledby="versions">
      <h2 id="versions">{t.t('dataset.versions')}</h2>
      <Wide labelledBy="versions">
        <Table caption={t.t('dataset.versionsCaption')} columns={[t.t('dataset.version'), t.t('dataset.loaded'), t.t('dataset.status'), t.t('dataset.rows'), t.t('dataset.rejectedRows'), t.t('dataset.download')]}>
          {d.versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.number}
                {v.id === d.dataset.liveVersionId ? ` ${t.t('dataset.live')}` : ''}
              </th>
              <td>{t.date(v.completedAt ?? v.createdAt)}</td>
              <td>{v.status === 'failed' && v.error ? `${status('failed')}: ${v.error}` : status(v.status)}</td>
              <td>{n(v.rowCount)}</td>
              <td>{v.rejectsKey && d.dataAccess ? <a href={`${api}/versions/${v.number}/rejects.csv`}>{n(v.rejectedCount)}</a> : n(v.rejectedCount)}</td>
              <td>
                {v.status === 'ready' && d.dataAccess ? (
                  <>
                    <a href={`${api}/export/csv?version=${v.number}`}>CSV</a> <a href={`${api}/export/parquet?version=${v.number}`}>Parquet</a>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Wide>
    </section>
  );
}
