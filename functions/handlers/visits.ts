import { handle } from 'hono/aws-lambda';
import { dynamoRateCounter } from '../adapters/dynamodb/rate-limits';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { visitsApp } from '../http/apps/visits';
import { provideRateCounter } from '../http/limits';

provideUserDirectory(async () => cachedUserDirectory);

provideRateCounter(async () => dynamoRateCounter);

/** Lambda entry: the visits routes. */
export const handler = handle(visitsApp);
