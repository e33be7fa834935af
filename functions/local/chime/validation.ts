import type { MeetingFeaturesConfiguration } from '@aws-sdk/client-chime-sdk-meetings';
import { badRequest } from './errors';

/**
 * Input checks of the Chime SDK meetings API model (lengths, counts, patterns, enums). Like AWS's
 * input validation they reject the whole request with BadRequestException. Rules the service
 * applies per attendee (the reserved `aws:` prefix, the meeting's capacity) live in the store, so
 * that BatchCreateAttendee can report them item by item. Messages never echo the value: ids
 * must be opaque, but a caller's mistake should not end up in a log either.
 */

export type MediaCapability = 'SendReceive' | 'Send' | 'Receive' | 'None';
export interface Capabilities {
  Audio: MediaCapability;
  Video: MediaCapability;
  Content: MediaCapability;
}

export interface AttendeeRequest {
  externalUserId: string;
  capabilities: Capabilities | undefined;
}

export interface MeetingRequest {
  clientRequestToken: string | undefined;
  mediaRegion: string;
  externalMeetingId: string;
  meetingHostId: string | undefined;
  meetingFeatures: MeetingFeaturesConfiguration | undefined;
  primaryMeetingId: string | undefined;
  tenantIds: string[] | undefined;
}

/** Attendees per meeting and attendees per request, as the Chime SDK quotas state them. */
export const limits = {
  attendeesPerMeeting: 250,
  /** With FHD video or UHD content the default maximum drops to 25. */
  attendeesPerHighResolutionMeeting: 25,
  batchCreateAttendees: 100,
  createMeetingWithAttendees: 10,
  listAttendeesMaxResults: 100,
  activeMeetings: 250,
} as const;

/** Media Regions listed for CreateMeeting's MediaRegion in the API reference. */
const mediaRegions = new Set([
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
]);

/** The documented pattern of ExternalUserId, ExternalMeetingId and MeetingHostId. */
const externalIdPattern = /^[-_&@+=,(){}[\]/«».:|'"#a-zA-Z0-9À-ÿ\s]*$/;
const clientRequestTokenPattern = /^[-_a-zA-Z0-9]*$/;
const guidPattern = /^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$/;
const capabilityValues: readonly MediaCapability[] = ['SendReceive', 'Send', 'Receive', 'None'];

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body; an empty body counts as `{}` (GET and DELETE send none). */
export function parseJsonBody(text: string): Json {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!isObject(value)) throw badRequest('The request body must be a JSON object.');
  return value;
}

function optionalString(body: Json, field: string, min: number, max: number, pattern: RegExp) {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  if (value.length < min || value.length > max) {
    throw badRequest(`${field} must be between ${min} and ${max} characters long.`);
  }
  if (!pattern.test(value)) throw badRequest(`${field} contains characters that are not allowed.`);
  return value;
}

function requiredString(body: Json, field: string, min: number, max: number, pattern: RegExp) {
  const value = optionalString(body, field, min, max, pattern);
  if (value === undefined) throw badRequest(`${field} is required.`);
  return value;
}

/** The `aws:` prefix is reserved (case-insensitive) for ExternalUserId and ExternalMeetingId. */
export function usesReservedPrefix(value: string): boolean {
  return value.toLowerCase().startsWith('aws:');
}

export function checkMeetingId(meetingId: string): string {
  if (!guidPattern.test(meetingId)) throw badRequest('MeetingId must be a GUID.');
  return meetingId;
}

export function checkAttendeeId(attendeeId: string): string {
  if (!guidPattern.test(attendeeId)) throw badRequest('AttendeeId must be a GUID.');
  return attendeeId;
}

export function parseCapabilities(value: unknown, field: string): Capabilities | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest(`${field} must be an object.`);
  const pick = (name: keyof Capabilities): MediaCapability => {
    const capability = capabilityValues.find((allowed) => allowed === value[name]);
    if (!capability)
      throw badRequest(`${field}.${name} must be one of ${capabilityValues.join(', ')}.`);
    return capability;
  };
  const capabilities = { Audio: pick('Audio'), Video: pick('Video'), Content: pick('Content') };
  // Documented corner case: receiving content needs video to be received too.
  const receives = (c: MediaCapability) => c === 'SendReceive' || c === 'Receive';
  if (receives(capabilities.Content) && !receives(capabilities.Video)) {
    throw badRequest(
      `${field}.Content can be SendReceive or Receive only when ${field}.Video is SendReceive or Receive.`,
    );
  }
  return capabilities;
}

export function parseAttendeeRequest(value: unknown, field: string): AttendeeRequest {
  if (!isObject(value)) throw badRequest(`${field} must be an object.`);
  return {
    externalUserId: requiredString(value, 'ExternalUserId', 2, 64, externalIdPattern),
    capabilities: parseCapabilities(value.Capabilities, `${field}.Capabilities`),
  };
}

export function parseAttendeeList(body: Json, max: number): AttendeeRequest[] {
  const list = body.Attendees;
  if (!Array.isArray(list)) throw badRequest('Attendees is required and must be a list.');
  if (list.length < 1 || list.length > max) {
    throw badRequest(`Attendees must hold between 1 and ${max} items.`);
  }
  return list.map((item, index) => parseAttendeeRequest(item, `Attendees[${index}]`));
}

function parseTenantIds(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const valid =
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= 5 &&
    value.every((id) => typeof id === 'string' && id.length >= 2 && id.length <= 256);
  if (!valid) throw badRequest('TenantIds must hold 1 to 5 ids of 2 to 256 characters.');
  return value as string[];
}

function parseMeetingFeatures(value: unknown): MeetingFeaturesConfiguration | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest('MeetingFeatures must be an object.');
  const attendee = value.Attendee;
  if (attendee !== undefined && attendee !== null) {
    const maxCount = isObject(attendee) ? attendee.MaxCount : undefined;
    const valid =
      maxCount === undefined ||
      (Number.isInteger(maxCount) && (maxCount as number) >= 1 && (maxCount as number) <= 250);
    if (!valid) throw badRequest('MeetingFeatures.Attendee.MaxCount must be between 1 and 250.');
  }
  return value as MeetingFeaturesConfiguration;
}

/** CreateMeeting's body; CreateMeetingWithAttendees adds `Attendees`, parsed on its own. */
export function parseMeetingRequest(body: Json): MeetingRequest {
  const mediaRegion = requiredString(body, 'MediaRegion', 2, 64, /^[a-z0-9-]*$/);
  if (!mediaRegions.has(mediaRegion)) throw badRequest('MediaRegion is not a supported Region.');
  const externalMeetingId = requiredString(body, 'ExternalMeetingId', 2, 64, externalIdPattern);
  if (usesReservedPrefix(externalMeetingId)) {
    throw badRequest('ExternalMeetingId must not begin with the reserved prefix aws:.');
  }
  const primaryMeetingId = optionalString(body, 'PrimaryMeetingId', 2, 64, guidPattern);
  return {
    clientRequestToken: optionalString(
      body,
      'ClientRequestToken',
      2,
      64,
      clientRequestTokenPattern,
    ),
    mediaRegion,
    externalMeetingId,
    meetingHostId: optionalString(body, 'MeetingHostId', 2, 64, externalIdPattern),
    meetingFeatures: parseMeetingFeatures(body.MeetingFeatures),
    primaryMeetingId,
    tenantIds: parseTenantIds(body.TenantIds),
  };
}

/** ListAttendees' query string: `max-results` (1-100) and `next-token`. */
export function parseListQuery(query: URLSearchParams): { maxResults: number; nextToken?: string } {
  const raw = query.get('max-results');
  let maxResults: number = limits.listAttendeesMaxResults;
  if (raw !== null) {
    maxResults = Number(raw);
    if (
      !Number.isInteger(maxResults) ||
      maxResults < 1 ||
      maxResults > limits.listAttendeesMaxResults
    ) {
      throw badRequest(`MaxResults must be between 1 and ${limits.listAttendeesMaxResults}.`);
    }
  }
  const nextToken = query.get('next-token') ?? undefined;
  return nextToken === undefined ? { maxResults } : { maxResults, nextToken };
}

/** Attendee capacity of a meeting, from MeetingFeatures as the API reference describes it. */
export function attendeeCapacity(features: MeetingFeaturesConfiguration | undefined): number {
  const maxCount = features?.Attendee?.MaxCount;
  if (maxCount !== undefined) return maxCount;
  const highResolution =
    features?.Video?.MaxResolution === 'FHD' || features?.Content?.MaxResolution === 'UHD';
  return highResolution ? limits.attendeesPerHighResolutionMeeting : limits.attendeesPerMeeting;
}
