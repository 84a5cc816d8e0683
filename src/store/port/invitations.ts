/** An invitation a person gives someone to become her carer; only a hash of its code is kept. */
export interface CarerInvitation {
  id: string;
  patientId: string;
  rights: 'view' | 'manage';
  expiresAt: string;
  createdAt: string;
  acceptedAt?: string;
  cancelledAt?: string;
}

export interface InvitationRepository {
  createInvitation(invitation: CarerInvitation & { codeHash: string }): Promise<void>;
  findInvitationByCode(codeHash: string): Promise<CarerInvitation | undefined>;
  listInvitations(patientId: string): Promise<CarerInvitation[]>;
  /** Marks it used; false if it was already used or cancelled (two people racing for one code). */
  acceptInvitation(id: string, accountId: string, at: string): Promise<boolean>;
  cancelInvitation(id: string, patientId: string, at: string): Promise<void>;
  /**
   * Which records an account has been made a carer for: only a lookup so that a person's own
   * requests need not search every record for carer arrangements. Access itself is decided from
   * the Consents, so a stale row here grants nothing.
   */
  addCarerLink(accountId: string, patientId: string): Promise<void>;
  carerCompartments(accountId: string): Promise<string[]>;
}
