import { handle } from 'hono/aws-lambda';
import { dynamoRateCounter } from '../adapters/dynamodb/rate-limits';
import { platformApp } from '../http/apps/platform';
import { provideRateCounter } from '../http/limits';

provideRateCounter(async () => dynamoRateCounter);

/** Lambda entry: health and the API document. */
export const handler = handle(platformApp);
