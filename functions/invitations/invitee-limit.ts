/**
 * The most people invited to one appointment beside the client (contacts and other guests).
 * Cancel, reschedule and End visit revoke or re-time every link, PIN and invitee of the
 * appointment in one transaction, which DynamoDB caps at 100 items: 20 keeps the worst case at
 * 73 (ARCHITECTURE.md counts it), and the call itself holds at most 8 people.
 */
export const maxInvitees = 20;
