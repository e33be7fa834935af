import { requireUser } from '../actor';
import { createApp } from '../app';
import { accountsRoutes } from '../routes/accounts';

export const accountsApp = createApp().openapi(accountsRoutes.me, (c) => {
  const actor = requireUser(c.get('actor'));
  const { kind: _kind, ...me } = actor;
  return c.json(me, 200);
});
