import type { Quad_Subject } from 'n3';
import { licenseById } from '../../catalog/vocab.ts';
import type { Triples } from './terms.ts';
import { iri } from './terms.ts';
import { admsLicenceType, admsPublisherType, euDataTheme, EU_DATA_THEME_SCHEME, EU_DATA_THEMES, LICENSE_TYPE } from './vocab.ts';

/** A publisher (foaf:Agent) with its name and the ADMS publisher type. */
export function describeAgent(t: Triples, subject: Quad_Subject, name: string): void {
  t.a(subject, ['foaf', 'Agent']).text(subject, ['foaf', 'name'], name).add(subject, ['dct', 'type'], iri(admsPublisherType('LocalAuthority')));
}

/** A SKOS concept of the EU data themes, typed and labelled as the shapes ask. */
export function describeEuTheme(t: Triples, code: string): void {
  const c = iri(euDataTheme(code));
  t.a(c, ['skos', 'Concept']).text(c, ['skos', 'prefLabel'], EU_DATA_THEMES[code] ?? code, 'en').add(c, ['skos', 'inScheme'], iri(EU_DATA_THEME_SCHEME));
}

/** A license as a dct:LicenseDocument with its ADMS licence type. */
export function describeLicense(t: Triples, licenseId: string): string | undefined {
  const l = licenseById(licenseId);
  if (!l) return undefined;
  const doc = iri(l.url);
  t.a(doc, ['dct', 'LicenseDocument']).text(doc, ['rdfs', 'label'], l.title, 'en').add(doc, ['dct', 'type'], iri(admsLicenceType(LICENSE_TYPE[l.id] ?? 'UnknownIPR')));
  return l.url;
}

