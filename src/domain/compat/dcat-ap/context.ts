/**
 * The DCAT-AP 3.0.1 JSON-LD context, inlined so that every consumer of
 * Plaza's JSON-LD works offline (ADR 45). Copied from SEMICeu/DCAT-AP @
 * 7c531da7f154794da620fd0e57a3e8afe0286c0f, `releases/3.0.1/context/dcat-ap.jsonld`
 * (CC BY 4.0, European Union), with one change: its five terms `Xsd:dateTime`,
 * `Xsd:decimal`, `Xsd:duration`, `Xsd:hexBinary` and `Xsd:nonNegativeInteger`
 * are left out. They read as absolute IRIs of a scheme `Xsd:` mapped to other
 * IRIs, which JSON-LD 1.1 forbids, so conforming processors
 * (jsonld-streaming-parser among them) reject the whole context with them in.
 */
export const DCAT_AP_CONTEXT: Readonly<Record<string, unknown>> = {
  "Activity": "http://www.w3.org/ns/prov#Activity",
  "Agent": {
    "@context": {
      "name": {
        "@container": "@set",
        "@id": "http://xmlns.com/foaf/0.1/name"
      },
      "type": {
        "@id": "http://purl.org/dc/terms/type",
        "@type": "@id"
      }
    },
    "@id": "http://xmlns.com/foaf/0.1/Agent"
  },
  "Attribution": "http://www.w3.org/ns/prov#Attribution",
  "Catalogue": {
    "@context": {
      "applicableLegislation": {
        "@container": "@set",
        "@id": "http://data.europa.eu/r5r/applicableLegislation",
        "@type": "@id"
      },
      "catalogue": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#catalog",
        "@type": "@id"
      },
      "creator": {
        "@id": "http://purl.org/dc/terms/creator",
        "@type": "@id"
      },
      "dataset": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#dataset",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "geographicalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/spatial",
        "@type": "@id"
      },
      "hasPart": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/hasPart",
        "@type": "@id"
      },
      "homepage": {
        "@id": "http://xmlns.com/foaf/0.1/homepage",
        "@type": "@id"
      },
      "language": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/language",
        "@type": "@id"
      },
      "licence": {
        "@id": "http://purl.org/dc/terms/license",
        "@type": "@id"
      },
      "modificationDate": {
        "@id": "http://purl.org/dc/terms/modified"
      },
      "publisher": {
        "@id": "http://purl.org/dc/terms/publisher",
        "@type": "@id"
      },
      "record": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#record",
        "@type": "@id"
      },
      "releaseDate": {
        "@id": "http://purl.org/dc/terms/issued"
      },
      "rights": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/rights",
        "@type": "@id"
      },
      "service": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#service",
        "@type": "@id"
      },
      "temporalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/temporal",
        "@type": "@id"
      },
      "themes": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#themeTaxonomy",
        "@type": "@id"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#Catalog"
  },
  "CatalogueRecord": {
    "@context": {
      "applicationProfile": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/conformsTo",
        "@type": "@id"
      },
      "changeType": {
        "@id": "http://www.w3.org/ns/adms#status",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "language": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/language",
        "@type": "@id"
      },
      "listingDate": {
        "@id": "http://purl.org/dc/terms/issued"
      },
      "modificationDate": {
        "@id": "http://purl.org/dc/terms/modified"
      },
      "primaryTopic": {
        "@id": "http://xmlns.com/foaf/0.1/primaryTopic",
        "@type": "@id"
      },
      "sourceMetadata": {
        "@id": "http://purl.org/dc/terms/source",
        "@type": "@id"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#CatalogRecord"
  },
  "CataloguedResource": "http://www.w3.org/ns/dcat#Resource",
  "Checksum": {
    "@context": {
      "algorithm": {
        "@id": "http://spdx.org/rdf/terms#algorithm",
        "@type": "@id"
      },
      "checksumValue": {
        "@id": "http://spdx.org/rdf/terms#checksumValue",
        "@type": "http://www.w3.org/2001/XMLSchema#hexBinary"
      }
    },
    "@id": "http://spdx.org/rdf/terms#Checksum"
  },
  "ChecksumAlgorithm": "http://spdx.org/rdf/terms#ChecksumAlgorithm",
  "Concept": {
    "@context": {
      "preferredLabel": {
        "@container": "@set",
        "@id": "http://www.w3.org/2004/02/skos/core#prefLabel"
      }
    },
    "@id": "http://www.w3.org/2004/02/skos/core#Concept"
  },
  "ConceptScheme": {
    "@context": {
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/2004/02/skos/core#ConceptScheme"
  },
  "DataService": {
    "@context": {
      "accessRights": {
        "@id": "http://purl.org/dc/terms/accessRights",
        "@type": "@id"
      },
      "applicableLegislation": {
        "@container": "@set",
        "@id": "http://data.europa.eu/r5r/applicableLegislation",
        "@type": "@id"
      },
      "conformsTo": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/conformsTo",
        "@type": "@id"
      },
      "contactPoint": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#contactPoint",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "documentation": {
        "@container": "@set",
        "@id": "http://xmlns.com/foaf/0.1/page",
        "@type": "@id"
      },
      "endpointDescription": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#endpointDescription",
        "@type": "@id"
      },
      "endpointUrl": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#endpointURL",
        "@type": "@id"
      },
      "format": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/format",
        "@type": "@id"
      },
      "keyword": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#keyword"
      },
      "landingPage": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#landingPage",
        "@type": "@id"
      },
      "licence": {
        "@id": "http://purl.org/dc/terms/license",
        "@type": "@id"
      },
      "publisher": {
        "@id": "http://purl.org/dc/terms/publisher",
        "@type": "@id"
      },
      "servesDataset": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#servesDataset",
        "@type": "@id"
      },
      "theme": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#theme",
        "@type": "@id"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#DataService"
  },
  "Dataset": {
    "@context": {
      "accessRights": {
        "@id": "http://purl.org/dc/terms/accessRights",
        "@type": "@id"
      },
      "applicableLegislation": {
        "@container": "@set",
        "@id": "http://data.europa.eu/r5r/applicableLegislation",
        "@type": "@id"
      },
      "conformsTo": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/conformsTo",
        "@type": "@id"
      },
      "contactPoint": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#contactPoint",
        "@type": "@id"
      },
      "creator": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/creator",
        "@type": "@id"
      },
      "datasetDistribution": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#distribution",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "documentation": {
        "@container": "@set",
        "@id": "http://xmlns.com/foaf/0.1/page",
        "@type": "@id"
      },
      "frequency": {
        "@id": "http://purl.org/dc/terms/accrualPeriodicity",
        "@type": "@id"
      },
      "geographicalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/spatial",
        "@type": "@id"
      },
      "hasVersion": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#hasVersion",
        "@type": "@id"
      },
      "identifier": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/identifier"
      },
      "inSeries": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#inSeries",
        "@type": "@id"
      },
      "isReferencedBy": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/isReferencedBy",
        "@type": "@id"
      },
      "keyword": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#keyword"
      },
      "landingPage": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#landingPage",
        "@type": "@id"
      },
      "language": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/language",
        "@type": "@id"
      },
      "modificationDate": {
        "@id": "http://purl.org/dc/terms/modified"
      },
      "otherIdentifier": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/adms#identifier",
        "@type": "@id"
      },
      "provenance": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/provenance",
        "@type": "@id"
      },
      "publisher": {
        "@id": "http://purl.org/dc/terms/publisher",
        "@type": "@id"
      },
      "qualifiedAttribution": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/prov#qualifiedAttribution",
        "@type": "@id"
      },
      "qualifiedRelation": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#qualifiedRelation",
        "@type": "@id"
      },
      "relatedResource": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/relation",
        "@type": "@id"
      },
      "releaseDate": {
        "@id": "http://purl.org/dc/terms/issued"
      },
      "sample": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/adms#sample",
        "@type": "@id"
      },
      "source": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/source",
        "@type": "@id"
      },
      "spatialResolution": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
        "@type": "http://www.w3.org/2001/XMLSchema#decimal"
      },
      "temporalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/temporal",
        "@type": "@id"
      },
      "temporalResolution": {
        "@id": "http://www.w3.org/ns/dcat#temporalResolution",
        "@type": "http://www.w3.org/2001/XMLSchema#duration"
      },
      "theme": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#theme",
        "@type": "@id"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      },
      "type": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/type",
        "@type": "@id"
      },
      "version": {
        "@id": "http://www.w3.org/ns/dcat#version"
      },
      "versionNotes": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/adms#versionNotes"
      },
      "wasGeneratedBy": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/prov#wasGeneratedBy",
        "@type": "@id"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#Dataset"
  },
  "DatasetSeries": {
    "@context": {
      "applicableLegislation": {
        "@container": "@set",
        "@id": "http://data.europa.eu/r5r/applicableLegislation",
        "@type": "@id"
      },
      "contactPoint": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#contactPoint",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "frequency": {
        "@id": "http://purl.org/dc/terms/accrualPeriodicity",
        "@type": "@id"
      },
      "geographicalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/spatial",
        "@type": "@id"
      },
      "modificationDate": {
        "@id": "http://purl.org/dc/terms/modified"
      },
      "publisher": {
        "@id": "http://purl.org/dc/terms/publisher",
        "@type": "@id"
      },
      "releaseDate": {
        "@id": "http://purl.org/dc/terms/issued"
      },
      "temporalCoverage": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/temporal",
        "@type": "@id"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#DatasetSeries"
  },
  "Distribution": {
    "@context": {
      "accessService": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#accessService",
        "@type": "@id"
      },
      "accessUrl": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#accessURL",
        "@type": "@id"
      },
      "applicableLegislation": {
        "@container": "@set",
        "@id": "http://data.europa.eu/r5r/applicableLegislation",
        "@type": "@id"
      },
      "availability": {
        "@id": "http://data.europa.eu/r5r/availability",
        "@type": "@id"
      },
      "byteSize": {
        "@id": "http://www.w3.org/ns/dcat#byteSize",
        "@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
      },
      "checksum": {
        "@id": "http://spdx.org/rdf/terms#checksum",
        "@type": "@id"
      },
      "compressionFormat": {
        "@id": "http://www.w3.org/ns/dcat#compressFormat",
        "@type": "@id"
      },
      "description": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/description"
      },
      "documentation": {
        "@container": "@set",
        "@id": "http://xmlns.com/foaf/0.1/page",
        "@type": "@id"
      },
      "downloadUrl": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#downloadURL",
        "@type": "@id"
      },
      "format": {
        "@id": "http://purl.org/dc/terms/format",
        "@type": "@id"
      },
      "hasPolicy": {
        "@id": "http://www.w3.org/ns/odrl/2/hasPolicy",
        "@type": "@id"
      },
      "language": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/language",
        "@type": "@id"
      },
      "licence": {
        "@id": "http://purl.org/dc/terms/license",
        "@type": "@id"
      },
      "linkedSchemas": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/conformsTo",
        "@type": "@id"
      },
      "mediaType": {
        "@id": "http://www.w3.org/ns/dcat#mediaType",
        "@type": "@id"
      },
      "modificationDate": {
        "@id": "http://purl.org/dc/terms/modified"
      },
      "packagingFormat": {
        "@id": "http://www.w3.org/ns/dcat#packageFormat",
        "@type": "@id"
      },
      "releaseDate": {
        "@id": "http://purl.org/dc/terms/issued"
      },
      "rights": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/rights",
        "@type": "@id"
      },
      "spatialResolution": {
        "@id": "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
        "@type": "http://www.w3.org/2001/XMLSchema#decimal"
      },
      "status": {
        "@id": "http://www.w3.org/ns/adms#status",
        "@type": "@id"
      },
      "temporalResolution": {
        "@id": "http://www.w3.org/ns/dcat#temporalResolution",
        "@type": "http://www.w3.org/2001/XMLSchema#duration"
      },
      "title": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/title"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#Distribution"
  },
  "Document": "http://xmlns.com/foaf/0.1/Document",
  "Frequency": "http://purl.org/dc/terms/Frequency",
  "Geometry": "http://www.w3.org/ns/locn#Geometry",
  "Identifier": {
    "@context": {
      "notation": {
        "@id": "http://www.w3.org/2004/02/skos/core#notation"
      }
    },
    "@id": "http://www.w3.org/ns/adms#Identifier"
  },
  "Kind": "http://www.w3.org/2006/vcard/ns#Kind",
  "LegalResource": "http://data.europa.eu/eli/ontology#LegalResource",
  "LicenceDocument": {
    "@context": {
      "type": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/type",
        "@type": "@id"
      }
    },
    "@id": "http://purl.org/dc/terms/LicenseDocument"
  },
  "LinguisticSystem": "http://purl.org/dc/terms/LinguisticSystem",
  "Literal": "http://www.w3.org/2000/01/rdf-schema#Literal",
  "Location": {
    "@context": {
      "bbox": {
        "@id": "http://www.w3.org/ns/dcat#bbox"
      },
      "centroid": {
        "@id": "http://www.w3.org/ns/dcat#centroid"
      },
      "geometry": {
        "@id": "http://www.w3.org/ns/locn#geometry",
        "@type": "@id"
      }
    },
    "@id": "http://purl.org/dc/terms/Location"
  },
  "MediaType": "http://purl.org/dc/terms/MediaType",
  "MediaTypeOrExtent": "http://purl.org/dc/terms/MediaTypeOrExtent",
  "PeriodOfTime": {
    "@context": {
      "beginning": {
        "@id": "http://www.w3.org/2006/time#hasBeginning",
        "@type": "@id"
      },
      "end": {
        "@id": "http://www.w3.org/2006/time#hasEnd",
        "@type": "@id"
      },
      "endDate": {
        "@id": "http://www.w3.org/ns/dcat#endDate"
      },
      "startDate": {
        "@id": "http://www.w3.org/ns/dcat#startDate"
      }
    },
    "@id": "http://purl.org/dc/terms/PeriodOfTime"
  },
  "Policy": "http://www.w3.org/ns/odrl/2/Policy",
  "ProvenanceStatement": "http://purl.org/dc/terms/ProvenanceStatement",
  "Relationship": {
    "@context": {
      "hadRole": {
        "@container": "@set",
        "@id": "http://www.w3.org/ns/dcat#hadRole",
        "@type": "@id"
      },
      "relation": {
        "@container": "@set",
        "@id": "http://purl.org/dc/terms/relation",
        "@type": "@id"
      }
    },
    "@id": "http://www.w3.org/ns/dcat#Relationship"
  },
  "Resource": "http://www.w3.org/2000/01/rdf-schema#Resource",
  "RightsStatement": "http://purl.org/dc/terms/RightsStatement",
  "Role": "http://www.w3.org/ns/dcat#Role",
  "Standard": "http://purl.org/dc/terms/Standard",
  "TemporalLiteral": "http://www.w3.org/2000/01/rdf-schema#Literal",
  "TimeInstant": "http://www.w3.org/2006/time#Instant"
};
