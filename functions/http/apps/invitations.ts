import { addInvitee, removeInvitee } from '../../invitations/invitees';
import { resolveJoinLink } from '../../invitations/join-links';
import {
  completeSignup,
  describeSignup,
  inviteToPortal,
  renewSignup,
} from '../../invitations/portal-signup';
import { sendInvitations } from '../../invitations/sending';
import { listInvitees, presentInvitees } from '../../invitations/views';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { invitationDeps as deps } from '../deps/invitations';
import { invitationsRoutes as routes } from '../routes/invitations';

/** Lambda app of the invitations context: invitees, Send Now, join links, portal sign-up. */
export const invitationsApp = createApp()
  .serve(routes.listInvitees, async (c) =>
    c.json(await listInvitees(requireUser(c.get('actor')), c.req.valid('param').id, deps), 200),
  )
  .serve(routes.addInvitee, async (c) => {
    const actor = requireUser(c.get('actor'));
    const { id } = c.req.valid('param');
    await addInvitee(actor, id, c.req.valid('json'), deps);
    return c.json(await listInvitees(actor, id, deps), 201);
  })
  .serve(routes.removeInvitee, async (c) => {
    const actor = requireUser(c.get('actor'));
    const { id, inviteeId } = c.req.valid('param');
    await removeInvitee(actor, id, inviteeId, deps);
    return c.json(await listInvitees(actor, id, deps), 200);
  })
  .serve(routes.sendInvitations, async (c) => {
    const actor = requireUser(c.get('actor'));
    const { id } = c.req.valid('param');
    const sent = await sendInvitations(actor, id, {}, deps);
    return c.json(await presentInvitees(actor, sent.appointment, sent.invitees, deps), 200);
  })
  .serve(routes.resendInvitation, async (c) => {
    const actor = requireUser(c.get('actor'));
    const { id, inviteeId } = c.req.valid('param');
    const retry = c.req.valid('query').only === 'failed';
    const sent = await sendInvitations(actor, id, { inviteeId, retry }, deps);
    return c.json(await presentInvitees(actor, sent.appointment, sent.invitees, deps), 200);
  })
  .serve(routes.joinLink, async (c) =>
    c.json(await resolveJoinLink(c.req.valid('param').token, deps), 200),
  )
  .serve(routes.portalInvitation, async (c) =>
    c.json(await inviteToPortal(requireUser(c.get('actor')), c.req.valid('param').id, deps), 202),
  )
  .serve(routes.describeSignup, async (c) =>
    c.json(await describeSignup(c.req.valid('param').token, deps), 200),
  )
  .serve(routes.completeSignup, async (c) =>
    c.json(
      await completeSignup(c.req.valid('param').token, c.req.valid('json').password, deps),
      201,
    ),
  )
  .serve(routes.renewSignup, async (c) =>
    c.json(await renewSignup(c.req.valid('param').token, deps), 202),
  );
