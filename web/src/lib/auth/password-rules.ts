import { passwordPolicy, passwordProblems } from '../../../../infra/schema/user-pool';

/** The user pool's password policy, checked before sending so people see every rule at once. */
export const passwordRules = passwordProblems;

/** How long a temporary password (an invitation's, or one an administrator set) works. */
export const temporaryPasswordDays = passwordPolicy.temporaryPasswordValidityDays;
