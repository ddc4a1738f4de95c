import type { ProgramDashboard, WaitingItem } from '../../../actions/program/dashboard.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { columnLabel, FigureView, PROGRAM_STYLE, valueText } from './figure-view.tsx';
import { PeriodForms, type PeriodState } from './report.tsx';

function Waiting({ id, items, href }: { id: string; items: WaitingItem[]; href: (id: string) => string }) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t.t(`program.${id}`)}</h2>
      {items.length ? (
        <Wide labelledBy={id}>
          <Table columns={[t.t('program.itemTitle'), t.t('program.opened'), t.t('program.daysWaiting')]}>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <a href={href(i.id)}>{i.title}</a>
                </th>
                <td>{i.createdAt.slice(0, 10)}</td>
                <td>{i.daysWaiting}</td>
              </tr>
            ))}
          </Table>
        </Wide>
      ) : (
        <p>{t.t('program.noneWaiting')}</p>
      )}
    </section>
  );
}

/** `/program/dashboard`: the report's figures, then what program staff act on. */
export function dashboardPage(pc: PageContext, s: PeriodState, d: ProgramDashboard): SafeHtml {
  const t = pc.t;
  const usage = d.usageByDataset;
  return renderPage(
    <Layout title={t.t('program.dashboardTitle')} styles={PROGRAM_STYLE}>
      <h1>{t.t('program.dashboardTitle')}</h1>
      <p>{t.t('program.dashboardIntro')}</p>
      <PeriodForms s={s} action="/program/dashboard" />
      <section aria-labelledby="overdue">
        <h2 id="overdue">{t.t('program.overdue')}</h2>
        {d.overdue.length ? (
          <Wide labelledBy="overdue">
            <Table columns={[t.t('program.column.dataset'), t.t('program.column.organization'), t.t('program.nextDue'), t.t('program.daysOverdue')]}>
              {d.overdue.map((o) => (
                <tr key={o.slug}>
                  <th scope="row">
                    <a href={`/datasets/${encodeURIComponent(o.slug)}`}>{o.title}</a>
                  </th>
                  <td>
                    <a href={`/organizations/${encodeURIComponent(o.organizationSlug)}`}>{o.organizationName}</a>
                  </td>
                  <td>{o.nextDueAt.slice(0, 10)}</td>
                  <td>{o.daysOverdue}</td>
                </tr>
              ))}
            </Table>
          </Wide>
        ) : (
          <p>{t.t('program.noneOverdue')}</p>
        )}
      </section>
      <Waiting id="unansweredProblems" items={d.unansweredProblems} href={(id) => `/problems/${encodeURIComponent(id)}`} />
      <Waiting id="unansweredRequests" items={d.unansweredRequests} href={(id) => `/requests/${encodeURIComponent(id)}`} />
      <section aria-labelledby="usage-all">
        <h2 id="usage-all">{t.t('program.usageAll')}</h2>
        <Wide labelledBy="usage-all">
          <Table columns={usage.columns.map((c) => ({ label: columnLabel(t, c), key: c.name }))}>
            {usage.rows.map((r, i) => (
              <tr key={i}>
                {usage.columns.map((c, j) => (j === 0 ? <th scope="row" key={c.name}>{valueText(t, c, r[j] ?? null)}</th> : <td key={c.name}>{valueText(t, c, r[j] ?? null)}</td>))}
              </tr>
            ))}
          </Table>
        </Wide>
      </section>
      <h2>{t.t('program.figures')}</h2>
      {d.figures.map((f) => (
        <FigureView key={f.name} f={f} period={s.period} level={3} />
      ))}
    </Layout>,
    pc,
  );
}
