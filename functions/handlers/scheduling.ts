import { handle } from 'hono/aws-lambda';
import { dynamoUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { schedulingApp } from '../http/apps/scheduling';

provideUserDirectory(async () => dynamoUserDirectory);

/** Lambda entry: the scheduling routes. */
export const handler = handle(schedulingApp);
