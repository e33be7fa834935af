import { handle } from 'hono/aws-lambda';
import { dynamoRateCounter } from '../adapters/dynamodb/rate-limits';
import { cachedUserDirectory } from '../adapters/dynamodb/user-directory';
import { provideUserDirectory } from '../http/access';
import { bookingApp } from '../http/apps/booking';
import { provideRateCounter } from '../http/limits';

provideUserDirectory(async () => cachedUserDirectory);

provideRateCounter(async () => dynamoRateCounter);

/** Lambda entry: the booking routes (settings, the public page, manage links). */
export const handler = handle(bookingApp);
