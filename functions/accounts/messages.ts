const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Markup that is safe as it is. Emails are built only from these and plain strings, and every
 * plain string is escaped where it meets markup, so a clinic or person named `<b>` stays text.
 */
export class Html {
  constructor(readonly markup: string) {}
  toString() {
    return this.markup;
  }
}

const markupOf = (part: unknown): string =>
  part instanceof Html ? part.markup : escapeHtml(String(part));

/** A template whose interpolations are escaped, unless they are `Html` already. */
export function html(strings: TemplateStringsArray, ...parts: unknown[]): Html {
  return new Html(
    strings.reduce((out, text, i) => out + text + (i < parts.length ? markupOf(parts[i]) : ''), ''),
  );
}

/** Wraps message paragraphs (plain text, or `Html`) in a plain, readable HTML email. */
export function htmlEmail(title: string, paragraphs: readonly (string | Html)[]): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#17212b;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${markupOf(p)}</p>`).join('\n')}
</body></html>`;
}

export const link = (url: string, label: string) =>
  html`<a href="${url}" style="color:#1d5fa8">${label}</a>`;
export const strong = (text: string) => html`<strong>${text}</strong>`;
export const muted = (content: string | Html) =>
  html`<span style="color:#5a6876">${content}</span>`;

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
  const body = htmlEmail(subject, [
    lines[0] ?? '',
    html`Sign in at ${link(signIn, signIn)} with your email address (${input.email}) and this temporary password: ${strong(input.temporaryPassword)}`,
    lines[2] ?? '',
  ]);
  return { subject, text: lines.join('\n\n'), html: body };
}
