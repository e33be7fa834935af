import { handle } from 'hono/aws-lambda';
import { platformApp } from '../http/apps/platform';

/** Lambda entry: health and the API document. */
export const handler = handle(platformApp);
