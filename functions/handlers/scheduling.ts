import { handle } from 'hono/aws-lambda';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { schedulingApp } from '../http/apps/scheduling';

provideUserDirectory(async () => cachedUserDirectory);

/** Lambda entry: the scheduling routes. */
export const handler = handle(schedulingApp);
