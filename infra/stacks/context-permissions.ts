import type { ContextName } from '../../functions/http/route-table';
import type { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable } from '../schema/tables';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';

export interface PermissionSources {
  data: DataStack;
  auth: AuthStack;
}

/**
 * What each HTTP context's function may call, and the environment that names it: exactly what
 * its code calls, nothing more. Typed by ContextName, so a new context in route-table.ts does
 * not compile until its permissions are written here.
 */
export const contextPermissions: Record<
  ContextName,
  (fn: TelevisitFunction, sources: PermissionSources) => void
> = {
  // GET /api/health probes every service with one cheap read-only call (health-probes.ts).
  platform: (fn, { data, auth }) => {
    fn.useTable(data.table(appointmentsTable), 'describe')
      .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
      .allow(['cognito-idp:DescribeUserPool'], [auth.userPool.userPoolArn])
      .allowResourceless(['ses:GetSendQuota', 'sns:GetSMSAttributes'])
      .allowMeetings(['chime:GetMeeting']);
  },
  // GET /api/me reads the person's profile (user-directory.ts).
  accounts: (fn, { data }) => {
    fn.useTable(data.table(appointmentsTable), 'read');
  },
  // The schedule queries a provider's calendar on gsi1 and batch-reads client names.
  scheduling: (fn, { data }) => {
    fn.useTable(data.table(appointmentsTable), 'read', { indexes: true });
  },
};
