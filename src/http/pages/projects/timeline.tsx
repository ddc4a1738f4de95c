import { phaseDates, type Milestone, type Phase } from '../../../domain/program/projects.ts';
import { useT } from '../components/page-context.ts';

const DAY = 86_400_000;
const W = 360;
const LEFT = 8;
const ROW = 26;
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;

export interface TimelineProps {
  startDate: string;
  phases: readonly Phase[];
  milestones: readonly Milestone[];
  currentPhase: string;
  /** YYYY-MM-DD. */
  today: string;
}

/**
 * The project's phases and milestones as an SVG drawn on the server, with
 * today marked, scaled to its box (it fits a 390 px window), named by its
 * title and description; the list beside it says the same in words.
 */
export function Timeline({ startDate, phases, milestones, currentPhase, today }: TimelineProps) {
  const t = useT();
  const dated = phaseDates(startDate, phases);
  const first = dayOf(startDate);
  const last = Math.max(dated.length ? dayOf(dated.at(-1)!.end) + 1 : first + 1, ...milestones.map((m) => dayOf(m.dueDate) + 1));
  const x = (d: number) => LEFT + ((Math.min(Math.max(d, first), last) - first) / (last - first)) * (W - 2 * LEFT);
  const height = (dated.length + 1) * ROW + 24;
  const now = dayOf(today);
  return (
    <div class="timeline">
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-labelledby="timeline-title timeline-desc" class="timeline-svg">
        <title id="timeline-title">{t.t('projects.timelineTitle')}</title>
        <desc id="timeline-desc">{t.t('projects.timelineDesc', { start: startDate, end: dated.at(-1)?.end ?? startDate, today })}</desc>
        {dated.map((ph, i) => (
          <g key={ph.key} class={ph.key === currentPhase ? 'phase current' : 'phase'}>
            <rect x={x(dayOf(ph.start))} y={i * ROW + 4} width={Math.max(2, x(dayOf(ph.end) + 1) - x(dayOf(ph.start)))} height={ROW - 8} rx="3" fill={ph.key === currentPhase ? '#005ea2' : '#a9aeb1'} />
            <text x={x(dayOf(ph.start)) + 4} y={i * ROW + ROW / 2 + 4} font-size="11" fill={ph.key === currentPhase ? '#ffffff' : '#1b1b1b'}>
              {ph.name}
            </text>
          </g>
        ))}
        {milestones.map((m) => {
          const cx = x(dayOf(m.dueDate));
          const cy = dated.length * ROW + ROW / 2;
          return <path key={m.id} class={`milestone ${m.status}`} d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`} fill={m.status === 'done' ? '#00a91c' : m.status === 'missed' ? '#b50909' : '#e5a000'} />;
        })}
        {now >= first && now <= last ? (
          <g class="today">
            <line x1={x(now)} x2={x(now)} y1="0" y2={height - 14} stroke="#d83933" stroke-width="2" />
            <text x={Math.min(x(now), W - 40)} y={height - 2} font-size="11" fill="#1b1b1b">
              {t.t('projects.today')}
            </text>
          </g>
        ) : null}
      </svg>
      <ol class="timeline-list">
        {dated.map((ph) => (
          <li key={ph.key}>
            {ph.key === currentPhase ? <strong>{t.t('projects.phaseNow', { name: ph.name })}</strong> : ph.name}: {t.t('projects.phaseSpan', { start: ph.start, end: ph.end, weeks: ph.weeks })}
            <ul>
              {milestones
                .filter((m) => m.phase === ph.key)
                .map((m) => (
                  <li key={m.id}>
                    {m.dueDate} {m.title} ({t.t(`projects.milestone.${m.status}`)})
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
