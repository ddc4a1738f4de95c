import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { useT } from '../components/page-context.ts';
import { Wide } from '../components/Wide.tsx';

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
        <table>
          <caption class="meta">{t.t('dataset.versionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('dataset.version')}</th>
              <th scope="col">{t.t('dataset.loaded')}</th>
              <th scope="col">{t.t('dataset.status')}</th>
              <th scope="col">{t.t('dataset.rows')}</th>
              <th scope="col">{t.t('dataset.rejectedRows')}</th>
              <th scope="col">{t.t('dataset.download')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </Wide>
    </section>
  );
}
