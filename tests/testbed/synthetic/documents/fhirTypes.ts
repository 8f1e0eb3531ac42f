/** Plain FHIR R4 JSON: the generator writes resources as data, the loaders post them as they are. */
export type FhirResource = { resourceType: string } & Record<string, unknown>;

export const PDSM_PROFILE = {
  documentReference:
    'https://interop.esante.gouv.fr/ig/fhir/pdsm/StructureDefinition/pdsm-comprehensive-document-reference',
  submissionSet:
    'https://interop.esante.gouv.fr/ig/fhir/pdsm/StructureDefinition/pdsm-submissionset-comprehensive',
} as const;
