const FHIR_JSON_TYPES = ['application/fhir+json', 'application/json+fhir', 'application/json'];

/**
 * Whether a media type list (Accept, Content-Type, Subscription payload) names FHIR JSON. Plain
 * application/json counts, as FHIR servers accept it for JSON; anything else means raw bytes.
 */
export function isFhirJson(mediaTypes: string | undefined): boolean {
  if (!mediaTypes) return false;
  return mediaTypes
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .some((type) => FHIR_JSON_TYPES.includes(type));
}

/** Whether a request body should be parsed as JSON (FHIR JSON, JSON Patch, or no type given). */
export function isJsonBody(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json-patch+json' || isFhirJson(type);
}
