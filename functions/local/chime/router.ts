import { badRequest, unknownOperation } from './errors';
import type { MeetingStore } from './meeting-store';
import {
  checkAttendeeId,
  checkMeetingId,
  limits,
  parseAttendeeList,
  parseAttendeeRequest,
  parseListQuery,
  parseMeetingRequest,
} from './validation';
import { toAttendee, toMeeting, type WireContext } from './wire';

/** What an operation answers: a status and, except for 204, a JSON body. */
export interface OperationResult {
  status: 200 | 204;
  body?: unknown;
}

interface OperationInput {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  store: MeetingStore;
  wire: WireContext;
}

type Operation = (input: OperationInput) => OperationResult;

const ok = (body: unknown): OperationResult => ({ status: 200, body });
const noContent: OperationResult = { status: 204 };

/** The operations the emulator implements, by their API name. */
const operations: Record<string, Operation> = {
  CreateMeeting: ({ body, store, wire }) =>
    ok({ Meeting: toMeeting(store.createMeeting(parseMeetingRequest(body)), wire) }),

  CreateMeetingWithAttendees: ({ body, store, wire }) => {
    const request = parseMeetingRequest(body);
    const attendees = parseAttendeeList(body, limits.createMeetingWithAttendees);
    const meeting = store.createMeeting(request);
    const created = store.batchCreateAttendees(meeting.meetingId, attendees);
    return ok({
      Meeting: toMeeting(meeting, wire),
      Attendees: created.attendees.map(toAttendee),
      Errors: created.errors,
    });
  },

  GetMeeting: ({ params: [meetingId = ''], store, wire }) =>
    ok({ Meeting: toMeeting(store.getMeeting(checkMeetingId(meetingId)), wire) }),

  DeleteMeeting: ({ params: [meetingId = ''], store }) => {
    store.deleteMeeting(checkMeetingId(meetingId));
    return noContent;
  },

  CreateAttendee: ({ params: [meetingId = ''], body, store }) => {
    const request = parseAttendeeRequest(body, 'CreateAttendee');
    return ok({ Attendee: toAttendee(store.createAttendee(checkMeetingId(meetingId), request)) });
  },

  BatchCreateAttendee: ({ params: [meetingId = ''], body, store }) => {
    const requests = parseAttendeeList(body, limits.batchCreateAttendees);
    const created = store.batchCreateAttendees(checkMeetingId(meetingId), requests);
    return ok({ Attendees: created.attendees.map(toAttendee), Errors: created.errors });
  },

  ListAttendees: ({ params: [meetingId = ''], query, store }) => {
    const { maxResults, nextToken } = parseListQuery(query);
    const page = store.listAttendees(checkMeetingId(meetingId), maxResults, nextToken);
    return ok({
      Attendees: page.attendees.map(toAttendee),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    });
  },

  GetAttendee: ({ params: [meetingId = '', attendeeId = ''], store }) => {
    const attendee = store.getAttendee(checkMeetingId(meetingId), checkAttendeeId(attendeeId));
    return ok({ Attendee: toAttendee(attendee) });
  },

  DeleteAttendee: ({ params: [meetingId = '', attendeeId = ''], store }) => {
    store.deleteAttendee(checkMeetingId(meetingId), checkAttendeeId(attendeeId));
    return noContent;
  },
};

/**
 * The REST routes exactly as the SDK's model spells them (the `http` traits in its dist-cjs).
 * Some share method and path and differ by their `operation` query value. Operations Televisit
 * does not use are listed too, so that their callers learn "not supported", not "unknown".
 */
const routeTable: ReadonlyArray<readonly [route: string, name: string]> = [
  ['POST /meetings', 'CreateMeeting'],
  ['POST /meetings?operation=create-attendees', 'CreateMeetingWithAttendees'],
  ['GET /meetings/{MeetingId}', 'GetMeeting'],
  ['DELETE /meetings/{MeetingId}', 'DeleteMeeting'],
  ['POST /meetings/{MeetingId}/attendees', 'CreateAttendee'],
  ['POST /meetings/{MeetingId}/attendees?operation=batch-create', 'BatchCreateAttendee'],
  ['GET /meetings/{MeetingId}/attendees', 'ListAttendees'],
  ['GET /meetings/{MeetingId}/attendees/{AttendeeId}', 'GetAttendee'],
  ['DELETE /meetings/{MeetingId}/attendees/{AttendeeId}', 'DeleteAttendee'],
  // Operations of the API the emulator does not implement (Televisit does not call them).
  [
    'PUT /meetings/{MeetingId}/attendees/capabilities?operation=batch-update-except',
    'BatchUpdateAttendeeCapabilitiesExcept',
  ],
  ['PUT /meetings/{MeetingId}/attendees/{AttendeeId}/capabilities', 'UpdateAttendeeCapabilities'],
  ['POST /meetings/{MeetingId}/transcription?operation=start', 'StartMeetingTranscription'],
  ['POST /meetings/{MeetingId}/transcription?operation=stop', 'StopMeetingTranscription'],
  ['GET /tags', 'ListTagsForResource'],
  ['POST /tags?operation=tag-resource', 'TagResource'],
  ['POST /tags?operation=untag-resource', 'UntagResource'],
];

interface CompiledRoute {
  method: string;
  segments: string[];
  operation: string | null;
  name: string;
}

const routes: CompiledRoute[] = routeTable.map(([spec, name]) => {
  // Split by hand: URL would percent-encode the `{MeetingId}` placeholders.
  const [method = '', target = ''] = spec.split(' ');
  const [path = '', query] = target.split('?');
  return {
    method,
    segments: path.split('/').slice(1),
    operation: query === undefined ? null : new URLSearchParams(query).get('operation'),
    name,
  };
});

const isParameter = (segment: string) => segment.startsWith('{');

/** The matching route and its path parameters, in path order. */
function match(method: string, segments: string[], operation: string | null) {
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.operation !== operation) continue;
    if (candidate.segments.length !== segments.length) continue;
    const fits = candidate.segments.every((part, index) =>
      isParameter(part) ? segments[index] !== '' : part === segments[index],
    );
    if (!fits) continue;
    const params = segments.filter((_, index) => isParameter(candidate.segments[index] ?? ''));
    return { name: candidate.name, params };
  }
  return undefined;
}

/**
 * Runs the operation a request names. `pathAndQuery` is the path under the mount point, e.g.
 * `/meetings/<id>/attendees?operation=batch-create`.
 */
export function route(
  method: string,
  pathAndQuery: string,
  body: Record<string, unknown>,
  store: MeetingStore,
  wire: WireContext,
): OperationResult {
  const url = new URL(pathAndQuery, 'http://chime.local');
  let segments: string[];
  try {
    segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw badRequest('The request path is not valid.');
  }
  const matched = match(method, segments, url.searchParams.get('operation'));
  if (!matched) throw unknownOperation(method, url.pathname);
  const operation = operations[matched.name];
  if (!operation) throw badRequest(`${matched.name} is not supported by the local Chime emulator.`);
  return operation({ params: matched.params, query: url.searchParams, body, store, wire });
}
