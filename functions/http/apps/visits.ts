import { hostCommand } from '../../visits/admission';
import { auditCsv, listAudit, nameEntries } from '../../visits/audit';
import { callPhone } from '../../visits/dial-out';
import {
  endVisit,
  openVisits,
  requireVisit,
  startRoomVisit,
  startVisit,
} from '../../visits/host-actions';
import { hostSession, participantSession } from '../../visits/join-info';
import { knockByLink, knockByPortal } from '../../visits/knock';
import { leaveVisit, myPlace } from '../../visits/participant-actions';
import { mutePhoneCaller } from '../../visits/phone-actions';
import { hostView } from '../../visits/views';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { visitDeps as deps } from '../deps/visits';
import { visitsRoutes as routes } from '../routes/visits';

const token = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header('x-participant-token');

/** Lambda app of the visits context: the waiting room, the call, and the audit trail. */
export const visitsApp = createApp()
  .serve(routes.start, async (c) =>
    c.json(
      hostView(await startVisit(requireUser(c.get('actor')), c.req.valid('param').id, deps)),
      200,
    ),
  )
  .serve(routes.startRoom, async (c) =>
    c.json(
      hostView(await startRoomVisit(requireUser(c.get('actor')), c.req.valid('param').id, deps)),
      200,
    ),
  )
  .serve(routes.portalKnock, async (c) =>
    c.json(await knockByPortal(requireUser(c.get('actor')), c.req.valid('param').id, deps), 200),
  )
  .serve(routes.linkKnock, async (c) =>
    c.json(
      await knockByLink(c.req.valid('param').token, c.req.valid('json'), deps, c.get('limit')),
      200,
    ),
  )
  .serve(routes.list, async (c) =>
    c.json({ visits: (await openVisits(requireUser(c.get('actor')), deps)).map(hostView) }, 200),
  )
  .serve(routes.get, async (c) =>
    c.json(
      hostView(await requireVisit(requireUser(c.get('actor')), c.req.valid('param').id, deps)),
      200,
    ),
  )
  .serve(routes.hostSession, async (c) =>
    c.json(
      await hostSession(
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        deps,
        c.req.valid('query').failed,
      ),
      200,
    ),
  )
  .serve(routes.admit, async (c) => {
    const { visit, full } = await hostCommand(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      { type: 'admit', ...c.req.valid('json') },
      deps,
    );
    const notAdmitted = full.map((participantId) => ({ participantId, reason: 'full' as const }));
    return c.json({ ...hostView(visit), ...(full.length ? { notAdmitted } : {}) }, 200);
  })
  .serve(routes.deny, async (c) => {
    const { visit } = await hostCommand(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      { type: 'deny', ...c.req.valid('json') },
      deps,
    );
    return c.json(hostView(visit), 200);
  })
  .serve(routes.remove, async (c) => {
    const { visit } = await hostCommand(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      { type: 'remove', ...c.req.valid('json') },
      deps,
    );
    return c.json(hostView(visit), 200);
  })
  .serve(routes.phoneMute, async (c) =>
    c.json(
      await mutePhoneCaller(
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
        deps,
      ),
      200,
    ),
  )
  .serve(routes.phoneCall, async (c) =>
    c.json(
      await callPhone(
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
        deps,
      ),
      200,
    ),
  )
  .serve(routes.end, async (c) =>
    c.json(
      hostView(await endVisit(requireUser(c.get('actor')), c.req.valid('param').id, deps)),
      200,
    ),
  )
  .serve(routes.me, async (c) =>
    c.json(await myPlace(token(c), c.req.valid('param').id, deps), 200),
  )
  .serve(routes.mySession, async (c) =>
    c.json(
      await participantSession(
        token(c),
        c.req.valid('param').id,
        deps,
        c.req.valid('query').failed,
      ),
      200,
    ),
  )
  .serve(routes.leave, async (c) =>
    c.json(await leaveVisit(token(c), c.req.valid('param').id, deps), 200),
  )
  .serve(routes.audit, async (c) =>
    c.json({ entries: await nameEntries(await listAudit(c.req.valid('query'), deps), deps) }, 200),
  )
  .serve(routes.auditCsv, async (c) => {
    const csv = auditCsv(await nameEntries(await listAudit(c.req.valid('query'), deps), deps));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="televisit-audit.csv"',
    });
  });
