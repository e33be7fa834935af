import { handle } from 'hono/aws-lambda';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { accountsApp } from '../http/apps/accounts';

provideUserDirectory(async () => cachedUserDirectory);

/** Lambda entry: the accounts routes. */
export const handler = handle(accountsApp);
