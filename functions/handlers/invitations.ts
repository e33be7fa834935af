import { handle } from 'hono/aws-lambda';
import { dynamoRateCounter } from '../adapters/dynamodb/rate-limits';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { invitationsApp } from '../http/apps/invitations';
import { provideRateCounter } from '../http/limits';

provideUserDirectory(async () => cachedUserDirectory);

provideRateCounter(async () => dynamoRateCounter);

/** Lambda entry: the invitations routes. */
export const handler = handle(invitationsApp);
