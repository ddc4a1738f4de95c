import type { Translator } from '../../../domain/i18n/translator.ts';
import type { DatasetMetadata } from '../../../domain/catalog/types.ts';
import { useT } from '../components/page-context.ts';

/** The time the data covers, in the reader's words; empty when the publisher gave neither end. */
export function temporalText(t: Translator, temporal: DatasetMetadata['temporal']): string {
  if (!temporal || (!temporal.start && !temporal.end)) return '';
  if (temporal.start && temporal.end) return t.t('dataset.temporalRange', { start: t.date(temporal.start), end: t.date(temporal.end) });
  return temporal.start ? t.t('dataset.temporalFrom', { start: t.date(temporal.start) }) : t.t('dataset.temporalUntil', { end: t.date(temporal.end!) });
}

/** The area the data covers: its place name and its bounding box, in degrees. */
export function spatialText(t: Translator, spatial: DatasetMetadata['spatial']): string {
  if (!spatial) return '';
  const box = spatial.bbox ? t.t('dataset.bbox', { w: spatial.bbox[0], s: spatial.bbox[1], e: spatial.bbox[2], n: spatial.bbox[3] }) : '';
  return [spatial.place ?? '', box].filter(Boolean).join(' · ');
}

/** Language codes as the reader's language names them ("en" is "English", or "inglés"). */
export function languageNames(t: Translator, codes: readonly string[]): string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([t.lang, 'en'], { type: 'language' });
  } catch {
    names = undefined;
  }
  return codes.map((c) => names?.of(c) ?? c).join(', ');
}

/** Rows of the about list for what the data covers: its time, its area and its languages, each when stated. */
export function CoverageRows({ dataset }: { dataset: Pick<DatasetMetadata, 'temporal' | 'spatial' | 'language'> }) {
  const t = useT();
  const rows: [label: string, value: string][] = [
    [t.t('dataset.temporal'), temporalText(t, dataset.temporal)],
    [t.t('dataset.spatial'), spatialText(t, dataset.spatial)],
    [t.t('dataset.language'), languageNames(t, dataset.language)],
  ];
  return (
    <>
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
    </>
  );
}
