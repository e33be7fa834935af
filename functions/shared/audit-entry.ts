/**
 * An entry of the append-only audit trail: ids only, never names or free text (the audit page
 * resolves names for those allowed to read it). A visit's entries carry its id; the clinic's
 * own (a role, a permission or a setting changed, someone invited) carry none.
 */
export interface AuditEntry {
  eventId: string;
  visitId?: string;
  at: string;
  type: string;
  /** Who did it: a person's `sub`, a participant id, or `system`. */
  actor: string;
  /** Whom it concerned, when someone: a participant, an invitee or a person's `sub`. */
  subject?: string;
  details?: Record<string, string | number | boolean>;
}

/** Port: the append-only audit trail (appended to outside a change's own transaction). */
export interface AuditLog {
  list(query: { from: string; to: string; visitId?: string }): Promise<AuditEntry[]>;
  append(entries: readonly AuditEntry[]): Promise<void>;
}
