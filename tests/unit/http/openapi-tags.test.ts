import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/http/openapi-document';

describe('the API document', () => {
  it('groups every route about people and their accounts alike: scheduling and accounts', () => {
    const paths = openApiDocument().paths ?? {};
    const accountRoutes = Object.entries(paths)
      .filter(([path]) => path === '/api/me' || path.startsWith('/api/users'))
      .flatMap(([path, item]) =>
        Object.entries(item as Record<string, { tags?: string[] }>).map(([method, op]) => ({
          route: `${method.toUpperCase()} ${path}`,
          tags: op.tags ?? [],
        })),
      );
    expect(accountRoutes.map((r) => r.route)).toContain('GET /api/me');
    expect(accountRoutes.map((r) => r.route)).toContain('POST /api/users/{sub}/temporary-password');
    for (const { route, tags } of accountRoutes)
      expect(tags, route).toEqual(expect.arrayContaining(['scheduling', 'accounts']));
  });
});
