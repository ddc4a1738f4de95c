import type { ColumnRole } from '../../../domain/table/types.ts';
import type { ColumnProfile } from '../../../domain/ingest/profile-types.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { useT } from '../components/page-context.ts';

const W = 120;
const H = 28;
const short = (t: Translator, v: unknown): string => {
  const s = v === null || v === undefined ? t.t('dataset.emptyValue') : String(v);
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
};

/** A small histogram of a number or date column, with a sentence saying where most values lie. */
function Histogram({ buckets }: { buckets: NonNullable<ColumnProfile['histogram']> }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const peak = buckets.reduce((a, b) => (b.count > a.count ? b : a), buckets[0]!);
  const bar = W / buckets.length;
  const t = useT();
  const label = t.t('dataset.histogram', {
    ranges: buckets.length,
    from: short(t, buckets[0]!.from),
    to: short(t, buckets[buckets.length - 1]!.to),
    peak: peak.count,
    peakFrom: short(t, peak.from),
    peakTo: short(t, peak.to),
  });
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} class="spark">
      <title>{label}</title>
      {buckets.map((b, i) => {
        const h = b.count === 0 ? 0 : Math.max(1, Math.round((b.count / max) * H));
        return <rect key={i} x={(i * bar).toFixed(1)} y={H - h} width={Math.max(1, bar - 1).toFixed(1)} height={h} fill="#0b5cad" />;
      })}
    </svg>
  );
}

/**
 * What a column's values look like: a histogram for measures and dates, the
 * commonest values for the rest. Identifiers and codes get neither their
 * spread nor their commonest values when each is its own (ID 21540 once).
 */
export function Distribution({ profile, role }: { profile: ColumnProfile | undefined; role?: ColumnRole }) {
  const t = useT();
  if (!profile) return null;
  const spread = role === undefined || role === 'measure' || role === 'date';
  if (spread && profile.histogram && profile.histogram.length > 1) return <Histogram buckets={profile.histogram} />;
  if (role === 'identifier' && profile.top.every((v) => v.count === 1)) return <span class="meta">{t.t('dataset.allDifferent')}</span>;
  const top = profile.top.slice(0, 3);
  if (!top.length) return null;
  return (
    <ul class="top">
      {top.map((v, i) => (
        <li key={i}>
          {short(t, v.value)} <span class="meta">({t.number(v.count)})</span>
        </li>
      ))}
    </ul>
  );
}
