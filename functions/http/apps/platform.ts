import { healthProbes } from '../../adapters/health-probes';
import { checkHealth } from '../../platform/health';
import { ttlCache } from '../../platform/ttl-cache';
import { createApp } from '../app';
import { platformRoutes } from '../routes/platform';

/**
 * One check of the services at most every 5 s per instance, whoever asks: a public route must
 * not let anyone spend the clinic's Chime, Cognito or SES request rates.
 */
const checkedHealth = ttlCache(5_000, (_: 'all') => checkHealth(healthProbes));

export const platformApp = createApp()
  .serve(platformRoutes.health, async (c) => {
    const health = await checkedHealth.get('all');
    return c.json(health, health.status === 'ok' ? 200 : 503);
  })
  .serve(platformRoutes.openapi, async (c) => {
    // Loaded when first asked for: it holds every context's schemas and zod's JSON Schema
    // writer, which health (the start-up that counts) never needs.
    const { openApiDocument } = await import('../openapi-document');
    return c.json(openApiDocument() as unknown as Record<string, unknown>, 200);
  });
