import { describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../../functions/http/route-table';
import { matchRoute } from '../../../functions/local/gateway/route-matcher';

const route = (method: string, path: string): RouteEntry =>
  ({
    context: 'scheduling',
    name: path,
    method,
    path,
    access: { kind: 'public' },
    route: {},
  }) as unknown as RouteEntry;

const routes = [
  route('GET', '/api/appointments/{id}'),
  route('GET', '/api/appointments/today'),
  route('POST', '/api/appointments/{id}/cancel'),
];

describe('matching a request to a route as API Gateway does', () => {
  it('captures path parameters, decoded', () => {
    expect(matchRoute(routes, 'GET', '/api/appointments/a%20b')?.params).toEqual({ id: 'a b' });
  });
  it('prefers the route with more literal segments', () => {
    expect(matchRoute(routes, 'GET', '/api/appointments/today')?.route.path).toBe(
      '/api/appointments/today',
    );
  });
  it('needs the same method and the same number of segments', () => {
    expect(matchRoute(routes, 'DELETE', '/api/appointments/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/appointments/1/extra')).toBeUndefined();
    expect(matchRoute(routes, 'post', '/api/appointments/1/cancel')?.params).toEqual({ id: '1' });
  });
  it('refuses a malformed escape instead of throwing', () => {
    expect(matchRoute(routes, 'GET', '/api/appointments/%E0%A4%A')).toBeUndefined();
  });
});
