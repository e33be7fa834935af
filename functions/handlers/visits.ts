import { handle } from 'hono/aws-lambda';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { visitsApp } from '../http/apps/visits';

provideUserDirectory(async () => cachedUserDirectory);

/** Lambda entry: the visits routes. */
export const handler = handle(visitsApp);
