import type { Actor, UserActor } from '../identity/actor';
import { unauthenticated } from '../platform/errors';

/** Narrows the actor a `userRoute` guarantees; throws if a route was declared public by mistake. */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw unauthenticated();
  return actor;
}
