import { passwordProblems } from '../../../../infra/schema/user-pool';

/** The user pool's password policy, checked before sending so people see every rule at once. */
export const passwordRules = passwordProblems;
