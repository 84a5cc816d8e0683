/** FHIR R4 id: 1–64 of A–Z, a–z, 0–9, '-' and '.'. Anything else (slashes, '..', '%2F') is refused early. */
export const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;

/** A resource type name as FHIR spells them; checked before any lookup. */
export const resourceTypePattern = /^[A-Z][A-Za-z]{1,63}$/;
