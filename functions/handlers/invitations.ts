import { handle } from 'hono/aws-lambda';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { invitationsApp } from '../http/apps/invitations';

provideUserDirectory(async () => cachedUserDirectory);

/** Lambda entry: the invitations routes. */
export const handler = handle(invitationsApp);
