import {
  inviteStaff,
  listProviders,
  listUsers,
  resetTemporaryPassword,
  updateUser,
} from '../../accounts/staff';
import { updateSettings } from '../../scheduling/clinic-settings';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { accountsDeps as deps } from '../deps/accounts';
import { accountsRoutes as routes } from '../routes/accounts';

/** Lambda app of the accounts context: the signed-in person, staff and roles, clinic settings. */
export const accountsApp = createApp()
  .serve(routes.me, async (c) => {
    const { kind: _kind, ...me } = requireUser(c.get('actor'));
    // The app asks who is signed in when it opens: that is when the users list says they were seen.
    await deps.profiles.touch(me.sub, deps.now().toISOString(), 10 * 60_000);
    return c.json(me, 200);
  })
  .serve(routes.listUsers, async (c) => c.json(await listUsers(deps), 200))
  .serve(routes.inviteStaff, async (c) =>
    c.json(await inviteStaff(requireUser(c.get('actor')), c.req.valid('json'), deps), 201),
  )
  .serve(routes.updateUser, async (c) =>
    c.json(
      await updateUser(
        requireUser(c.get('actor')),
        c.req.valid('param').sub,
        c.req.valid('json'),
        deps,
      ),
      200,
    ),
  )
  .serve(routes.setTemporaryPassword, async (c) =>
    c.json(
      await resetTemporaryPassword(requireUser(c.get('actor')), c.req.valid('param').sub, deps),
      202,
    ),
  )
  .serve(routes.listProviders, async (c) => c.json(await listProviders(deps), 200))
  .serve(routes.getSettings, async (c) => c.json(await deps.settings.get(), 200))
  .serve(routes.updateSettings, async (c) =>
    c.json(await updateSettings(requireUser(c.get('actor')), c.req.valid('json'), deps), 200),
  );
