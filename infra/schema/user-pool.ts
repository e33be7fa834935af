/**
 * The Cognito user pool, as plain data shared by the CDK auth stack and the local bootstrap.
 * Roles are Cognito groups; the password policy is set field by field so that AWS and the
 * local pool agree (the local server does not enforce it, the web app and API do).
 */
export const roleGroups = ['owner', 'manager', 'provider', 'staff', 'client', 'contact'] as const;
export type RoleGroup = (typeof roleGroups)[number];

export const roleDescriptions: Record<RoleGroup, string> = {
  owner: 'Clinic owner: everything, including staff roles, settings and the audit log',
  manager: 'Clinic manager: everything, including staff roles, settings and the audit log',
  provider: 'Provider: runs video visits on their own calendar',
  staff: 'Front desk: schedules, manages clients and contacts, sends invitations',
  client: 'Patient with a portal account',
  contact: 'Third-party participant with an account',
};

export const passwordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 3,
} as const;

export const userPoolDefinition = {
  id: 'users',
  name: 'televisit-users',
  /** People sign in with their email address; Cognito's username is then the `sub`. */
  usernameAttributes: ['email'] as const,
  passwordPolicy,
  groups: roleGroups,
  webClient: {
    id: 'web',
    name: 'televisit-web',
    /** Password sign-in over TLS, and refresh; no client secret (a browser cannot keep one). */
    authFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    accessTokenValidityMinutes: 60,
    idTokenValidityMinutes: 60,
    refreshTokenValidityDays: 1,
  },
} as const;

/** Checks a new password against the pool's policy; Cognito does in AWS, this does locally too. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < passwordPolicy.minLength) {
    problems.push(`at least ${passwordPolicy.minLength} characters`);
  }
  if (!/[a-z]/.test(password)) problems.push('a lowercase letter');
  if (!/[A-Z]/.test(password)) problems.push('an uppercase letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('a symbol');
  return problems;
}
