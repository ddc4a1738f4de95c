import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';

const n = (x: number | null): string => (x === null ? '—' : x.toLocaleString('en-US'));
const STATUS: Record<string, string> = { ready: 'Loaded', pending: 'Loading', failed: 'Failed to load' };

/** Every version of the data, newest first: when, how many rows, and links to read or download each one. */
export function Versions({ d }: { d: DatasetDetail }) {
  if (!d.versions.length) return null;
  const api = `/api/v1/datasets/${d.dataset.slug}`;
  return (
    <section class="card" aria-labelledby="versions">
      <h2 id="versions">Versions</h2>
      <table>
        <caption class="meta">Older versions stay readable and downloadable.</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Loaded</th>
            <th scope="col">Status</th>
            <th scope="col">Rows</th>
            <th scope="col">Rejected rows</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {d.versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.number}
                {v.id === d.dataset.liveVersionId ? ' (live)' : ''}
              </th>
              <td>{(v.completedAt ?? v.createdAt).slice(0, 10)}</td>
              <td>{v.status === 'failed' && v.error ? `${STATUS.failed}: ${v.error}` : (STATUS[v.status] ?? v.status)}</td>
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
    </section>
  );
}
