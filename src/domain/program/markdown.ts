import type { Translator } from '../i18n/translator.ts';
import { formatInstant, formatTime } from '../i18n/time-zone.ts';
import type { ProgramEvent } from './events.ts';
import type { ProblemStatement } from './statements.ts';

/** What an event's Markdown summary tells, besides the event itself. */
export interface EventSummary {
  event: ProgramEvent;
  problems: Array<{ id: string; title: string; status: string }>;
  statements: ProblemStatement[];
  registered: number;
  /** With staff notes when the reader may see them (they are on the page anyway). */
  baseUrl: string;
  timeZone: string;
}

/** Text safe inside Markdown: the characters that would start markup are escaped. */
export const mdText = (s: string): string => s.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');

/** A block of text typed in a form, kept as paragraphs, each line escaped. */
const mdBlock = (s: string): string => s.split(/\r?\n/).map(mdText).join('  \n');

/** An event as a Markdown document in the reader's language, its times in the site's zone. */
export function eventMarkdown(s: EventSummary, t: Translator): string {
  const e = s.event;
  const lang = t.lang;
  const out: string[] = [`# ${mdText(e.title)}`, ''];
  if (e.state === 'cancelled') out.push(`**${t.t('events.cancelledNotice')}**`, '');
  out.push(`- ${t.t('events.when')}: ${formatInstant(e.startsAt, s.timeZone, lang)} – ${formatTime(e.endsAt, s.timeZone, lang)}`);
  if (e.place) out.push(`- ${t.t('events.place')}: ${mdText(e.place)}`);
  if (e.link) out.push(`- ${t.t('events.link')}: <${e.link}>`);
  out.push(`- ${t.t('events.registeredCount', { count: s.registered })}`, `- ${t.t('events.page')}: <${s.baseUrl}/events/${encodeURIComponent(e.slug)}>`, '');
  if (e.description) out.push(`## ${t.t('events.description')}`, '', mdBlock(e.description), '');
  if (e.agenda) out.push(`## ${t.t('events.agenda')}`, '', mdBlock(e.agenda), '');
  if (s.problems.length) {
    out.push(`## ${t.t('events.problems')}`, '');
    for (const p of s.problems) out.push(`- [${mdText(p.title)}](${s.baseUrl}/problems/${encodeURIComponent(p.id)}) (${t.t(`problems.status.${p.status}`)})`);
    out.push('');
  }
  if (e.notes) out.push(`## ${t.t('events.notes')}`, '', mdBlock(e.notes), '');
  if (s.statements.length) {
    out.push(`## ${t.t('statements.title')}`, '');
    for (const st of s.statements) {
      out.push(`### [${mdText(st.title)}](${s.baseUrl}/statements/${encodeURIComponent(st.id)})`, '');
      out.push(`- **${t.t('statements.affected')}** ${mdText(st.affected)}`, `- **${t.t('statements.need')}** ${mdText(st.need)}`, `- **${t.t('statements.measure')}** ${mdText(st.measure)}`);
      if (st.dataNotes) out.push(`- **${t.t('statements.dataNotes')}** ${mdText(st.dataNotes)}`);
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
