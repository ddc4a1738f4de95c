import { makeTranslator, type Messages, type Translator } from '../i18n/translator.ts';

/**
 * The words a chart writes itself (axis titles, its title and description,
 * notes on what was left out), as messages. Pages pass the reader's
 * translator; without one, charts are worded in English from these messages,
 * which `locales/en/dataset-chart.json` repeats word for word.
 */
export const CHART_ENGLISH: Messages = {
  'chart.numberOfRows': 'Number of rows',
  'chart.aggOf': '{agg, select, sum {Sum} avg {Average} min {Minimum} max {Maximum} other {Count}} of {column}',
  'chart.byPeriod': '{column} (by {bucket, select, day {day} week {week} month {month} year {year} other {{bucket}}})',
  'chart.titleHistogram': 'Distribution of {x}',
  'chart.title': '{y} by {x}',
  'chart.titleGroup': '{y} by {x} and {group}',
  'chart.descNone': 'There are no values to draw for these settings.',
  'chart.descHistogram': 'Histogram of {x} in {bins, number} bins',
  'chart.descKind': '{type, select, bar {Bar} line {Line} area {Area} scatter {Scatter} other {{type}}} chart of {y} by {x}',
  'chart.descValues': '{kind}: {points, plural, one {# value} other {# values}}.',
  'chart.descValuesSeries': '{kind}: {points, plural, one {# value} other {# values}} in {series, number} series ({names}).',
  'chart.descExtremes': 'Highest {hi} at {hiAt}, lowest {lo} at {loAt}.',
  'chart.descExtremesSeries': '{name}: highest {hi} at {hiAt}, lowest {lo} at {loAt}.',
  'chart.descTable': 'The data table lists every value.',
  'chart.noteFirst': '{scatter, select, yes {Showing the first {max, number} rows; there are more.} other {Showing the first {max, number} points; there are more.}} Narrow the chart with a filter or a longer period.',
  'chart.noteSeries': 'Showing the {max, number} largest of {total, number} series.',
  'chart.columnType': '{type}',
  'chart.problem.type': '“{value}” is not a chart type; choose {list}.',
  'chart.problem.agg': '“{value}” is not a way to combine values; choose {list}.',
  'chart.problem.bucket': '“{value}” is not a period; choose {list}.',
  'chart.problem.bins': 'The number of bins must be a whole number from 2 to {max, number}.',
  'chart.problem.noColumn': 'This dataset has no column “{name}” to chart.',
  'chart.problem.chooseX': 'Choose a column for the x axis.',
  'chart.problem.histogramX': 'A histogram needs a number column on the x axis; “{column}” holds {type} values.',
  'chart.problem.scatterX': 'A scatter chart needs numbers or dates on the x axis; “{column}” holds {type} values.',
  'chart.problem.bucketNotDate': 'Only dates can be grouped by {bucket}; “{column}” holds {type} values. Choose “No grouping”.',
  'chart.problem.bucketDrawsAll': 'A {type} chart draws every value; choose “No grouping” for the period.',
  'chart.problem.scatterY': 'A scatter chart needs a number column for the y axis.',
  'chart.problem.chooseY': 'Choose a number column for the y axis to take the {agg, select, sum {sum} avg {average} min {minimum} max {maximum} other {count of rows}} of.',
  'chart.problem.yNotNumber': 'The y axis needs a number column; “{column}” holds {type} values.',
  'chart.problem.yNotNumberAgg':
    'The y axis needs a number column to take the {agg, select, sum {sum} avg {average} min {minimum} max {maximum} other {count of rows}} of; “{column}” holds {type} values.',
  'chart.problem.yNotMeasure':
    '“{column}” is {role, select, identifier {an identifier or a code} category {a category} date {a date} place {part of a place} other {free text}}, not a measure: its {agg, select, sum {sum} other {average}} means nothing. Choose a measure, or count the rows.',
  'chart.problem.groupHistogram': 'A histogram draws one series; choose “None” for series.',
};

/** The English wording, for charts drawn without a reader's translator. */
export const CHART_EN: Translator = makeTranslator('en-US', CHART_ENGLISH);
