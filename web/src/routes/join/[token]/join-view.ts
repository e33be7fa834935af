import type { JoinLink } from '$lib/api/types';
import { publicApi } from '$lib/public/public-api';
import { formatTime } from '$lib/time/format';

/**
 * What the guest's page shows for a link. Every answer of the API is a page a person can read:
 * an expired or unknown link is a state here, never an error screen.
 */
export type JoinView =
  | { kind: 'loading' }
  | { kind: 'ready'; link: JoinLink }
  | { kind: 'closed'; title: string; message: string }
  | { kind: 'unreachable'; message: string };

const notRecognised = (message: string): JoinView => ({
  kind: 'closed',
  title: 'We do not recognise this link',
  message,
});

export async function loadJoinView(token: string): Promise<JoinView> {
  // A link is 43 letters, digits, - and _: anything else (cut short, run on, mistyped) is known
  // not to be one without asking.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token))
    return notRecognised(
      'This link is not valid. Check that you opened the whole link from your invitation, or ask the person who invited you for a new one.',
    );
  const answer = await publicApi<JoinLink>(`/join/${encodeURIComponent(token)}`);
  if (answer.ok) return { kind: 'ready', link: answer.body };
  if (answer.status === 410)
    return { kind: 'closed', title: 'This link no longer works', message: answer.message };
  if (answer.status === 404 || answer.status === 400) return notRecognised(answer.message);
  return { kind: 'unreachable', message: answer.message };
}

export interface JoinStatus {
  open: boolean;
  text: string;
}

/** Whether joining is open, in words: the server decides (by the clinic's clock), we phrase it. */
export function joinStatus(link: JoinLink): JoinStatus | null {
  const join = link.join;
  if (!join) return null;
  if (join.enabled) return { open: true, text: 'The visit is open: you can join now.' };
  if (join.reason === 'too-early') {
    return {
      open: false,
      text: `${join.message ?? 'It is not time yet.'} Joining opens at ${formatTime(join.opensAt)}.`,
    };
  }
  return { open: false, text: join.message ?? 'This visit cannot be joined now.' };
}
