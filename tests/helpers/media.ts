import WebSocket from 'ws';

/**
 * Connects to a meeting's media the way the browser does for local meetings: the mesh
 * signalling WebSocket with the attendee's JoinToken. Resolves `closed` with the close code.
 */
export async function openMedia(joinInfo: {
  Meeting: { MediaPlacement: { SignalingUrl: string } };
  Attendee: { JoinToken: string };
}) {
  const url = new URL(joinInfo.Meeting.MediaPlacement.SignalingUrl);
  url.searchParams.set('token', joinInfo.Attendee.JoinToken);
  const socket = new WebSocket(url.toString());
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number }>((resolve) =>
    socket.once('close', (code) => resolve({ code })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages, closed };
}
