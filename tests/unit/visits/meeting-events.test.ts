import { describe, expect, it } from 'vitest';
import { onMeetingEvent } from '../../../functions/visits/meeting-events';
import type { VisitStore } from '../../../functions/visits/ports';
import type { AuditEntry, MeetingRecord, Visit } from '../../../functions/visits/visit';
import { type Command, newVisit, transition } from '../../../functions/visits/waiting-room';

const at = '2026-11-23T15:00:00.000Z';

/** A visit with the provider and g1 in the call, its current meeting `m2`, kept in memory. */
function world(status: 'open' | 'ended' = 'open') {
  const commands: Command[] = [
    { type: 'start', participantId: 'prov', sub: 'p-sub', name: 'Dr. Lee' },
    { type: 'knock', participantId: 'g1', identity: 'i:g1', kind: 'guest', via: 'link', name: 'G' },
    { type: 'admit', participantIds: ['g1'] },
    { type: 'presence', participantId: 'prov', inCall: true },
    { type: 'presence', participantId: 'g1', inCall: true },
  ];
  let state = commands.reduce((s, c) => transition(s, c, at).state, newVisit('v1', 'p-sub', 6));
  if (status === 'ended') state = { ...state, status: 'ended', endedAt: at };
  let visit: Visit = { ...state, appointmentId: 'v1', version: 1, createdAt: at };
  const audit: AuditEntry[] = [];
  let meeting: MeetingRecord = { visitId: 'v1', generation: 2, meetingId: 'm2', meeting: {} };
  const markEnded = (meetingId: string, endedAt: string) => {
    if (meeting.meetingId === meetingId && !meeting.endedAt) meeting = { ...meeting, endedAt };
  };
  const store: Pick<VisitStore, 'get' | 'meeting' | 'snapshot' | 'commit' | 'markMeetingEnded'> = {
    get: async () => visit,
    meeting: async () => meeting,
    snapshot: async () => ({ visit, meeting, attendees: new Map() }),
    commit: async (write) => {
      if (write.expectedVersion !== visit.version) return 'lost';
      visit = write.next;
      audit.push(...write.audit);
      if (write.meetingEnded) markEnded(write.meetingEnded.meetingId, write.meetingEnded.at);
      return 'committed';
    },
    markMeetingEnded: async (_visitId, meetingId, endedAt) => markEnded(meetingId, endedAt),
  };
  const deps = { visits: store as VisitStore, now: () => new Date(at) };
  return {
    deps,
    audit,
    inCall: () => Object.values(visit.participants).filter((p) => p.inCall),
    meeting: () => meeting,
  };
}

const ended = (meetingId: string) => ({
  eventType: 'chime:MeetingEnded',
  meetingId,
  externalMeetingId: 'v1',
});

describe('meeting events: a meeting ended', () => {
  it("takes everyone out of the call when it is the visit's current meeting, once, and marks that meeting ended", async () => {
    const { deps, audit, inCall, meeting } = world();
    await onMeetingEvent(ended('m2'), deps);
    await onMeetingEvent(ended('m2'), deps);
    expect(inCall()).toEqual([]);
    expect(meeting().endedAt).toBe(at);
    expect(audit.map((e) => [e.type, e.subject, e.details?.because])).toEqual([
      ['participant.left_call', 'prov', 'meeting-ended'],
      ['participant.left_call', 'g1', 'meeting-ended'],
    ]);
  });

  it('is ignored when it is an older generation, arriving after people joined its successor', async () => {
    const { deps, audit, inCall, meeting } = world();
    await onMeetingEvent(ended('m1'), deps);
    expect(inCall()).toHaveLength(2);
    expect(audit).toEqual([]);
    expect(meeting().endedAt).toBeUndefined();
  });

  it('after End, any meeting of the visit ending clears whoever is still counted in the call', async () => {
    const { deps, inCall } = world('ended');
    await onMeetingEvent(ended('m1'), deps);
    expect(inCall()).toEqual([]);
  });

  it('is ignored for a meeting that belongs to no visit', async () => {
    const { deps, audit } = world();
    await onMeetingEvent({ eventType: 'chime:MeetingEnded', meetingId: 'm2' }, deps);
    expect(audit).toEqual([]);
  });
});
