import request from 'supertest';

export interface SignedIn {
  email: string;
  password: string;
  patientId: string;
  token: string;
  auth: { Authorization: string };
}

let counter = 0;

/** Registers a new person through the public API and signs her in; returns her bearer token. */
export async function signUp(url: string, given = 'Aisha', family = 'Khan', birthDate = '1945-03-02'): Promise<SignedIn> {
  counter += 1;
  const email = `${given.toLowerCase()}.${counter}.${Date.now()}@example.org`;
  const password = 'correct horse battery staple';
  const registered = await request(url)
    .post('/auth/register')
    .send({ email, password, name: { given, family }, birthDate })
    .expect(201);
  const patientId = String(registered.body.patient).replace('Patient/', '');
  const login = await request(url).post('/auth/login').send({ email, password }).expect(200);
  const token = String(login.body.access_token);
  return { email, password, patientId, token, auth: { Authorization: `Bearer ${token}` } };
}

export const fhirJson = 'application/fhir+json';
