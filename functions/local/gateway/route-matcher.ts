import type { RouteEntry } from '../../http/route-table';

/**
 * Picks the route API Gateway would: same method, every literal segment equal, `{name}`
 * segments capturing one segment; where several match, the one with more literal segments wins.
 */
export function matchRoute(
  routes: readonly RouteEntry[],
  method: string,
  path: string,
): { route: RouteEntry; params: Record<string, string> | undefined } | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { route: RouteEntry; params: Record<string, string>; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const template = route.path.split('/').filter(Boolean);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < template.length && ok; i += 1) {
      const part = template[i] ?? '';
      const actual = segments[i] ?? '';
      const param = /^\{(.+)\}$/.exec(part)?.[1];
      if (param) {
        try {
          params[param] = decodeURIComponent(actual);
        } catch {
          ok = false;
        }
      } else if (part === actual) literals += 1;
      else ok = false;
    }
    if (ok && (!best || literals > best.literals)) best = { route, params, literals };
  }
  if (!best) return undefined;
  return {
    route: best.route,
    params: Object.keys(best.params).length > 0 ? best.params : undefined,
  };
}
