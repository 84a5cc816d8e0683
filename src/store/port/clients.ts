/** A hospital system registered by an admin for SMART Backend Services. */
export interface BackendClient {
  id: string;
  name: string;
  organizationId: string;
  /** Its public keys: a JWKS given at registration, or an address it publishes them at. */
  jwks?: { keys: Record<string, unknown>[] };
  jwksUri?: string;
  /** The most it may ask for, e.g. system/CarePlan.rs. */
  scopes: string[];
  createdAt: string;
  revokedAt?: string;
}

export interface ClientRepository {
  createClient(client: Omit<BackendClient, 'revokedAt'>): Promise<void>;
  findClient(id: string): Promise<BackendClient | undefined>;
  listClients(): Promise<BackendClient[]>;
  revokeClient(id: string, at: string): Promise<void>;
  /** Records a client assertion's jti; false when it was seen before (a replay). Old ones are tidied away. */
  useAssertionId(clientId: string, jti: string, expiresAt: string, now: string): Promise<boolean>;
}
