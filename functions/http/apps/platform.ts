import { healthProbes } from '../../adapters/health-probes';
import { checkHealth } from '../../platform/health';
import { createApp } from '../app';
import { openApiDocument } from '../openapi-document';
import { platformRoutes } from '../routes/platform';

export const platformApp = createApp()
  .openapi(platformRoutes.health, async (c) => {
    const health = await checkHealth(healthProbes);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  })
  .openapi(platformRoutes.openapi, (c) =>
    c.json(openApiDocument() as unknown as Record<string, unknown>, 200),
  );
