import type { Figure } from '../../../domain/program/figures.ts';
import { PERIOD_PRESETS, type Period } from '../../../domain/program/period.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { FigureView, PROGRAM_STYLE } from './figure-view.tsx';

/** The period form's state: the period shown, the preset chosen (null for a custom one), what was typed and what was wrong with it. */
export interface PeriodState {
  period: Period;
  days: number | null;
  typed: { from: string; to: string };
  /** A message saying why the period typed was not used. */
  problem?: string | undefined;
}

/** The two GET forms choosing the period: the last 30, 90 or 365 days, or any days from one date to another. */
export function PeriodForms({ s, action }: { s: PeriodState; action: string }) {
  const t = useT();
  return (
    <>
      {s.problem ? (
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <p class="usa-alert__text">{s.problem}</p>
        </div>
      ) : null}
      <p>{t.t('program.showing', { from: s.period.from, to: s.period.to })}</p>
      <form method="get" action={action} class="program-period" aria-label={t.t('program.presetForm')}>
        <div class="usa-form-group">
          <label class="usa-label" for="days">{t.t('program.daysLabel')}</label>
          <select id="days" name="days" class="usa-select">
            {PERIOD_PRESETS.map((d) => (
              <option key={d} value={String(d)} selected={s.days === d}>{t.t('program.lastDays', { days: d })}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="usa-button">{t.t('program.show')}</button>
      </form>
      <form method="get" action={action} class="program-period" aria-label={t.t('program.customForm')}>
        <div class={`usa-form-group${s.problem ? ' usa-form-group--error' : ''}`}>
          <label class="usa-label" for="from">{t.t('program.from')}</label>
          <input id="from" name="from" type="date" class="usa-input" value={s.typed.from || (s.days === null ? s.period.from : '')} />
        </div>
        <div class={`usa-form-group${s.problem ? ' usa-form-group--error' : ''}`}>
          <label class="usa-label" for="to">{t.t('program.to')}</label>
          <input id="to" name="to" type="date" class="usa-input" value={s.typed.to || (s.days === null ? s.period.to : '')} />
        </div>
        <button type="submit" class="usa-button usa-button--outline">{t.t('program.showCustom')}</button>
      </form>
    </>
  );
}

/** `/program`: the open data program report, every figure as a chart with its table and CSV. */
export function reportPage(pc: PageContext, s: PeriodState, figures: readonly Figure[], staff: boolean): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('program.title')} description={t.t('program.intro')} styles={PROGRAM_STYLE}>
      <h1>{t.t('program.title')}</h1>
      <p>{t.t('program.intro')}</p>
      {staff ? (
        <p>
          <a href="/program/dashboard">{t.t('program.toDashboard')}</a>
        </p>
      ) : null}
      <PeriodForms s={s} action="/program" />
      <p>
        <a href={`/api/v1/program/figures?from=${s.period.from}&to=${s.period.to}`}>{t.t('program.json')}</a>
      </p>
      {figures.map((f) => (
        <FigureView key={f.name} f={f} period={s.period} />
      ))}
    </Layout>,
    pc,
  );
}
