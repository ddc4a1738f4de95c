import type { Quad_Subject } from 'n3';
import { licenseById } from '../../catalog/vocab.ts';
import type { Triples } from './terms.ts';
import { iri } from './terms.ts';
import { admsLicenceType, admsPublisherType, euDataTheme, EU_DATA_THEME_SCHEME, EU_DATA_THEMES, LICENSE_TYPE } from './vocab.ts';

/** A publisher (foaf:Agent) with its name and the ADMS publisher type. */
export function describeAgent(t: Triples, subject: Quad_Subject, name: string): void {
  const type = iri(admsPublisherType('LocalAuthority'));
  t.a(subject, ['foaf', 'Agent']).text(subject, ['foaf', 'name'], name).add(subject, ['dct', 'type'], type);
  t.a(type, ['skos', 'Concept']).text(type, ['skos', 'prefLabel'], 'Local Authority', 'en');
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
  const typeCode = LICENSE_TYPE[l.id] ?? 'UnknownIPR';
  const type = iri(admsLicenceType(typeCode));
  t.a(doc, ['dct', 'LicenseDocument']).text(doc, ['rdfs', 'label'], l.title, 'en').add(doc, ['dct', 'type'], type);
  t.a(type, ['skos', 'Concept']).text(type, ['skos', 'prefLabel'], typeCode.replace(/([a-z])([A-Z])/g, '$1 $2'), 'en');
  return l.url;
}

