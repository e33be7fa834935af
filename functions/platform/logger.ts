import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Only ids, codes and counts go in: never names, emails, phone numbers,
 * dates of birth or free text a person typed (no PHI in logs).
 */
export const logger = new Logger({
  serviceName: 'televisit',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | undefined) ?? 'INFO',
});
