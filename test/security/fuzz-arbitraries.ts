import fc from 'fast-check';

/**
 * What a hostile or careless caller can send: search parameters (names, modifiers, values) and
 * JSON bodies (resources and Bundles with junk, nulls, deep nesting and odd keys). The JSON is
 * written out by hand so that keys such as "__proto__" reach the service as they would from curl.
 */

const objectNames = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

const knownNames = [
  'code', 'clinical-status', 'subject', 'patient', 'onset-date', 'recorded-date', 'identifier', 'category', 'name', 'birthdate',
  'lifecycle-status', 'description', '_id', '_lastUpdated', '_count', '_offset', '_sort', '_include', '_revinclude', '_summary',
  '_elements', '_total', '_format', '_tag', '_security', '_profile',
];

const oddNames = ['', ' ', '_', '_has', '_has:Condition:subject:code', 'a.b', 'subject.name', 'subject:Patient.name', '\u0000', 'ünïcode', '😀', '%', 'code,code'];

const modifiers = ['', ':missing', ':exact', ':contains', ':not', ':text', ':above', ':in', ':Patient', ':Group', ':iterate', ':__proto__', ':constructor', ':toString', '::', ':'];

const oddValues = [
  'true', 'false', 'ge2020', 'lt1945-03', 'sa2026-11-30T10:00:00Z', 'ap1945', 'eq', 'xx2020', '99999999999999999999', '-1', '1e9', '0', '500', '501',
  '10000', '10001', 'Patient/x', 'Patient/x/_history/1', 'http://snomed.info/sct|387494007', '|', 'sys|', 'a\\,b', '%', '_', '\\', '\u0000',
  '__proto__', 'constructor', 'Condition:subject', 'Condition:__proto__', 'constructor:subject', 'Condition:subject:Patient:x', '-_id', '-code,_lastUpdated',
  'count', 'data', '*', 'Condition:*', ',,,,', "'; DROP TABLE resources; --", '1945-02-30', '2026-13-01', '9999-12-31T23:59:59Z',
];

const value = fc.oneof(
  fc.constantFrom(...oddValues),
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.array(fc.oneof(fc.constantFrom(...oddValues), fc.string({ maxLength: 8 })), { maxLength: 25 }).map((parts) => parts.join(',')),
);

const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...knownNames) }, fc.constantFrom(...objectNames, ...oddNames), fc.string({ maxLength: 12 }));

/** A search: the resource type in the path, the parameters, and whether it goes as GET or POST _search. */
export const searchRequest = fc.record({
  type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('Condition', 'Patient', 'Goal', 'AllergyIntolerance', 'Consent', 'Organization') }, fc.constantFrom('__proto__', 'constructor', 'Nope', 'Bundle', 'AuditEvent')),
  pairs: fc.oneof(
    // Mostly names the service knows, so the parser and the SQL compiler see the odd values and modifiers…
    fc.array(fc.tuple(fc.constantFrom(...knownNames), fc.constantFrom(...modifiers), value), { maxLength: 8 }),
    // …and anything at all, up to past the limits.
    fc.array(fc.tuple(name, fc.constantFrom(...modifiers), value), { maxLength: 60 }),
  ),
  method: fc.constantFrom('GET', 'POST'),
});

/** Query strings of the other routes that read one: the access log, the printout, a health link's file. */
export const otherQuery = fc.record({
  route: fc.constantFrom('access-log', 'print', 'shl'),
  pairs: fc.array(fc.tuple(fc.oneof(fc.constantFrom('who', 'since', 'until', 'show', 'outcome', 'size', 'format', 'recipient'), fc.constantFrom(...objectNames), fc.string({ maxLength: 8 })), value), { maxLength: 8 }),
});

/** A JSON tree whose keys may be anything, objects kept as entry lists so that every key survives. */
type Json = null | boolean | number | string | Json[] | { entries: Array<[string, Json]> };

const key = fc.oneof(
  fc.constantFrom(...objectNames),
  fc.constantFrom('resourceType', 'id', 'meta', 'extension', 'contained', 'text', 'subject', 'description', 'lifecycleStatus', '_birthDate', 'entry', 'request', 'resource', 'reference', ''),
  fc.string({ maxLength: 10 }),
);

const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Patient/x', '1945-03-02', 'urn:uuid:1', '\u0000', '__proto__')),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('json')), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
}));

export function writeJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${writeJson(v)}`).join(',')}}`;
}

const object = (fields: Record<string, Json>, extra: Array<[string, Json]> = []): Json => ({ entries: [...Object.entries(fields), ...extra] });

/** Her Goal with some fields replaced by junk and junk fields added. */
const goalWithJunk = (patientId: string) =>
  fc
    .record({
      replace: fc.array(fc.tuple(fc.constantFrom('lifecycleStatus', 'description', 'subject', 'resourceType', 'meta', 'id'), json), { maxLength: 2 }),
      extra: fc.array(fc.tuple(key, json), { maxLength: 3 }),
    })
    .map(({ replace, extra }): Json => {
      const fields: Record<string, Json> = {
        resourceType: 'Goal',
        lifecycleStatus: 'active',
        description: object({ text: 'Walk to the shops' }),
        subject: object({ reference: `Patient/${patientId}` }),
      };
      for (const [k, v] of replace) fields[k] = v;
      return object(fields, extra);
    });

/** Arrays nested deeper than anyone writes: the depth limit, not the stack, must answer. */
const deeplyNested = fc.integer({ min: 50, max: 5_000 }).map((depth) => `{"resourceType":"Goal","note":${'['.repeat(depth)}${']'.repeat(depth)}}`);

const bundle = (patientId: string) =>
  fc
    .record({
      type: fc.oneof(fc.constantFrom('transaction', 'batch'), fc.constantFrom('document', 'searchset', '__proto__'), json),
      entry: fc.oneof(
        fc.array(
          fc.oneof(
            fc.constant(null),
            json,
            fc.record({
              method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', '__proto__'), json),
              url: fc.constantFrom('Goal', 'Goal/x', `Patient/${patientId}`, '__proto__/1', 'constructor', '', 'Goal?__proto__=1', 'Goal/../Patient'),
              resource: fc.oneof(goalWithJunk(patientId), json),
              ifNoneExist: fc.constantFrom(undefined, '__proto__=1', 'identifier=a|b', 'code=1,2,3'),
            }).map(({ method, url, resource, ifNoneExist }) => object({ request: object({ method, url, ...(ifNoneExist ? { ifNoneExist } : {}) }), resource, fullUrl: 'urn:uuid:1' })),
          ),
          { maxLength: 6 },
        ),
        json,
      ),
    })
    .map(({ type, entry }) => writeJson(object({ resourceType: 'Bundle', type, entry })));

/** A write: where it goes and the body text. */
export function writeRequest(patientId: string, goalId: string) {
  const resourceBody = fc.oneof(goalWithJunk(patientId).map(writeJson), json.map(writeJson), deeplyNested);
  const otherBody = fc.oneof(json.map(writeJson), fc.constantFrom('{"ids":[],"__proto__":{"x":1}}', '{"rights":"view","constructor":{"prototype":{}}}', '{"email":{"__proto__":1}}'));
  return fc.oneof(
    resourceBody.map((body) => ({ method: 'POST' as const, path: '/fhir/Goal', body })),
    resourceBody.map((body) => ({ method: 'PUT' as const, path: `/fhir/Goal/${goalId}`, body })),
    bundle(patientId).map((body) => ({ method: 'POST' as const, path: '/fhir', body })),
    bundle(patientId).map((body) => ({ method: 'POST' as const, path: `/fhir/Patient/${patientId}/$import-summary`, body })),
    otherBody.map((body) => ({ method: 'POST' as const, path: '/notifications/read', body })),
    otherBody.map((body) => ({ method: 'POST' as const, path: `/fhir/Patient/${patientId}/health-links`, body })),
    otherBody.map((body) => ({ method: 'POST' as const, path: `/fhir/Patient/${patientId}/carer-invitations`, body })),
  );
}
