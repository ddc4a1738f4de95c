import { eventsForProblem } from '../../../actions/program/read-events.ts';
import { listStatements } from '../../../actions/program/read-statements.ts';
import type { Deps } from '../../../actions/deps.ts';
import type { ProgramEvent } from '../../../domain/program/events.ts';
import type { ProblemStatement } from '../../../domain/program/statements.ts';
import { useT } from '../components/page-context.ts';
import { eventPath } from './when.tsx';

/** The scope-a-thons that took a problem up and the statements written from it. */
export interface ProgramOfProblem {
  events: ProgramEvent[];
  statements: ProblemStatement[];
}

export async function programOfProblem(deps: Deps, problemId: string): Promise<ProgramOfProblem> {
  const [events, { results }] = await Promise.all([eventsForProblem(deps, problemId), listStatements(deps, { problem: problemId })]);
  return { events, statements: results };
}

/** On a problem's page: its events and statements, when it has some. */
export function ProblemProgram({ s }: { s: ProgramOfProblem }) {
  const t = useT();
  if (!s.events.length && !s.statements.length) return null;
  return (
    <section aria-labelledby="problem-program">
      <h2 id="problem-program">{t.t('events.onProblem')}</h2>
      <ul>
        {s.events.map((e) => (
          <li key={e.id}>
            <a href={eventPath(e)}>{e.title}</a>
          </li>
        ))}
        {s.statements.map((st) => (
          <li key={st.id}>
            {t.t('events.statementLabel')} <a href={`/statements/${encodeURIComponent(st.id)}`}>{st.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
