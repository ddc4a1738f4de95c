import type { ColumnProfile } from '../../../domain/ingest/profile-types.ts';

const W = 120;
const H = 28;
const num = (x: number): string => x.toLocaleString('en-US');
const short = (v: unknown): string => {
  const s = v === null || v === undefined ? 'empty' : String(v);
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
};

/** A small histogram of a number or date column, with a sentence saying where most values lie. */
function Histogram({ buckets }: { buckets: NonNullable<ColumnProfile['histogram']> }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const peak = buckets.reduce((a, b) => (b.count > a.count ? b : a), buckets[0]!);
  const bar = W / buckets.length;
  const label = `Histogram of ${buckets.length} ranges from ${short(buckets[0]!.from)} to ${short(buckets[buckets.length - 1]!.to)}; the most values (${num(peak.count)}) lie from ${short(peak.from)} to ${short(peak.to)}.`;
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

/** What a column's values look like: a histogram for numbers and dates, the commonest values for the rest. */
export function Distribution({ profile }: { profile: ColumnProfile | undefined }) {
  if (!profile) return null;
  if (profile.histogram && profile.histogram.length > 1) return <Histogram buckets={profile.histogram} />;
  const top = profile.top.slice(0, 3);
  if (!top.length) return null;
  return (
    <ul class="top">
      {top.map((t, i) => (
        <li key={i}>
          {short(t.value)} <span class="meta">({num(t.count)})</span>
        </li>
      ))}
    </ul>
  );
}
