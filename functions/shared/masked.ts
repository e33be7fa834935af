/**
 * An address or number shown to staff beside a name someone typed, enough to tell which
 * invitation it was without spelling it out: `j•••@example.com`, `•••• 0132`.
 */
export function maskedEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

export function maskedPhone(phone: string): string {
  return `•••• ${phone.replace(/\D/g, '').slice(-4)}`;
}

/** How an invitee is named to staff: the contact's name, else their masked address or number. */
export function inviteeLabel(invitee: { name?: string; email?: string; phone?: string }): string {
  if (invitee.name) return invitee.name;
  if (invitee.email) return maskedEmail(invitee.email);
  if (invitee.phone) return maskedPhone(invitee.phone);
  return 'Invitee';
}
