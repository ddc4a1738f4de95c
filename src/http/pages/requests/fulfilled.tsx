import { useT } from '../components/page-context.ts';
import { requestPath } from './labels.ts';

/** The dataset page's list of the requests the dataset fulfilled; nothing when there are none. */
export function FulfilledRequests({ requests }: { requests: Array<{ id: string; title: string }> }) {
  const t = useT();
  if (!requests.length) return null;
  return (
    <section aria-labelledby="fulfilled-requests">
      <h2 id="fulfilled-requests">{t.t('requests.datasetFulfilled')}</h2>
      <ul>
        {requests.map((r) => (
          <li key={r.id}>
            <a href={requestPath(r.id)}>{r.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
