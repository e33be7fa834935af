const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Wraps message paragraphs in a plain, readable HTML email. */
export function htmlEmail(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#17212b;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</body></html>`;
}

export const link = (url: string, label: string) =>
  `<a href="${escapeHtml(url)}" style="color:#1d5fa8">${escapeHtml(label)}</a>`;
export const strong = (text: string) => `<strong>${escapeHtml(text)}</strong>`;
export { escapeHtml };

/** The email a new staff member gets: where to sign in, and the temporary password. */
export function staffInvitationEmail(input: {
  clinicName: string;
  appUrl: string;
  email: string;
  temporaryPassword: string;
  validDays: number;
  resent?: boolean;
}) {
  const signIn = `${input.appUrl.replace(/\/$/, '')}/sign-in`;
  const subject = input.resent
    ? `Your new temporary password for ${input.clinicName}`
    : `You are invited to ${input.clinicName} on Televisit`;
  const lines = [
    `${input.resent ? 'Here is a new temporary password for' : 'You have an account with'} ${input.clinicName} on Televisit.`,
    `Sign in at ${signIn} with your email address (${input.email}) and this temporary password: ${input.temporaryPassword}`,
    `It works for ${input.validDays} days. At your first sign-in you choose your own password.`,
  ];
  const html = htmlEmail(subject, [
    escapeHtml(lines[0] ?? ''),
    `Sign in at ${link(signIn, signIn)} with your email address (${escapeHtml(input.email)}) and this temporary password: ${strong(input.temporaryPassword)}`,
    escapeHtml(lines[2] ?? ''),
  ]);
  return { subject, text: lines.join('\n\n'), html };
}
