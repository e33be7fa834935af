import { beforeAll, describe, expect, it } from 'vitest';
import { routeEntries } from '../../../functions/http/route-table';
import { callerKeys, setUpWorld, type World } from './callers';
import { routeCases } from './expectations';

/**
 * The role-permission test (DESIGN.md section 5): every HTTP route, for every kind of caller,
 * over HTTP through the gateway's authorizer, against the local stack. The expectations are
 * written by hand, not derived from the routes' declarations, so a wrong declaration fails here.
 */
describe('who may call what', () => {
  let world: World;
  beforeAll(async () => {
    world = await setUpWorld();
  });

  it('has an expectation for every route, and none for a route that does not exist', () => {
    const routes = routeEntries()
      .map((r) => `${r.context}.${r.name}`)
      .sort();
    expect(Object.keys(routeCases).sort()).toEqual(routes);
  });

  for (const [name, routeCase] of Object.entries(routeCases)) {
    it(`${name}: each caller gets exactly what the table says`, async () => {
      const outcomes: Record<string, number> = {};
      for (const [index, caller] of callerKeys.entries()) {
        const { method, path, body, headers } = await routeCase.request(world, caller, index);
        const response = await world.callers[caller].call(method, path, body, headers);
        outcomes[caller] = response.status;
        const expected = routeCase.expect[caller];
        if (expected !== 'ok' && response.status !== 401) {
          // Refusals by the API itself carry the one error shape and no data.
          expect(response.body, `${name} as ${caller}`).toEqual({
            error: expect.objectContaining({
              code: expect.any(String),
              message: expect.any(String),
            }),
          });
        }
      }
      const actual = Object.fromEntries(
        Object.entries(outcomes).map(([caller, status]) => [
          caller,
          status >= 200 && status < 300 ? 'ok' : status,
        ]),
      );
      expect(actual).toEqual(routeCase.expect);
    });
  }
});
