import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { accessTokenFor } from '../../helpers/auth';
import { stack } from '../../helpers/local-stack';
import { knock } from '../../helpers/visits';
import { nextMessage, openSocket } from '../../helpers/ws';
import { type CallerKey, callerKeys, setUpWorld, type World } from './callers';

/**
 * Every message a browser may send over the WebSocket (`ping`, `watch`, `unwatch`, and anything
 * else), from every kind of caller, against dr.lee's live visit: who may watch it, and who hears
 * its changes before watching, while watching and after unwatching. The provider hears every
 * change of their own visit as its host, watching or not.
 */
interface Expected {
  /** `no-connection`: the socket itself is refused. */
  mayWatch: boolean | 'no-connection';
  hears: { before: boolean; watching: boolean; after: boolean };
}

const nobody = { before: false, watching: false, after: false };
const watcher: Expected = {
  mayWatch: true,
  hears: { before: false, watching: true, after: false },
};
const outsider: Expected = { mayWatch: false, hears: nobody };

const expected: Record<CallerKey, Expected> = {
  owner: watcher,
  manager: watcher,
  provider: { mayWatch: true, hears: { before: true, watching: true, after: true } },
  otherProvider: outsider,
  staff: watcher,
  client: outsider,
  otherClient: outsider,
  contact: outsider,
  guest: outsider,
  anonymous: { mayWatch: 'no-connection', hears: nobody },
};

const emails: Partial<Record<CallerKey, string>> = {
  owner: 'owner@demo.test',
  manager: 'manager@demo.test',
  provider: 'dr.lee@demo.test',
  otherProvider: 'dr.kim@demo.test',
  staff: 'frontdesk@demo.test',
  client: 'pat@demo.test',
  contact: 'sam@demo.test',
};

type Message = Record<string, unknown>;

describe('WebSocket messages, for every kind of caller', () => {
  let world: World;
  const sockets: WebSocket[] = [];
  /** The live visit's provider, on a connection of the test's own: it hears every change. */
  let reference: WebSocket;
  beforeAll(async () => {
    world = await setUpWorld();
    reference = await openSocket(
      `${stack().wsUrl}?token=${await accessTokenFor('dr.lee@demo.test')}`,
    );
    sockets.push(reference);
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  async function urlFor(caller: CallerKey): Promise<string> {
    if (caller === 'anonymous') return stack().wsUrl;
    if (caller === 'guest')
      return `${stack().wsUrl}?participant=${world.live.waiting.participantToken}`;
    const email = emails[caller];
    const token = await accessTokenFor(email ?? world.otherClientEmail);
    return `${stack().wsUrl}?token=${token}`;
  }

  /** Sends a message and waits for its answer (every message gets exactly one). */
  async function ask(socket: WebSocket, message: unknown): Promise<Message> {
    const answer = nextMessage<Message>(socket, (m) => m.type !== 'visit-changed');
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    return answer;
  }

  /**
   * Changes the visit (the waiting guest knocks again) and tells whether this socket heard of
   * it. News goes out from the visit's stream after the commit, one change after another: once
   * the visit's own provider (on a connection of the test's) has heard of a second change, every
   * push of the first has been sent, and a ping on this socket comes back behind any of them.
   * No waiting for something that never comes.
   */
  async function hearsChange(socket: WebSocket): Promise<boolean> {
    const got: Message[] = [];
    const listen = (data: WebSocket.RawData) => got.push(JSON.parse(data.toString()));
    socket.on('message', listen);
    const versions: number[] = [];
    const noteVersion = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Message;
      if (m.type === 'visit-changed' && m.visitId === world.live.visitId)
        versions.push(Number(m.version));
    };
    reference.on('message', noteVersion);
    await knock(world.live.guestLink);
    const first = versions.length;
    await knock(world.live.guestLink);
    for (let i = 0; i < 200 && versions.length < first + 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    reference.off('message', noteVersion);
    await ask(socket, { action: 'ping' });
    socket.off('message', listen);
    return got.some((m) => m.type === 'visit-changed' && m.visitId === world.live.visitId);
  }

  for (const caller of callerKeys) {
    const want = expected[caller];
    it(`${caller}: ping, watch, unwatch and unknown messages`, async () => {
      const url = await urlFor(caller);
      if (want.mayWatch === 'no-connection') {
        await expect(openSocket(url)).rejects.toMatchObject({ status: 401 });
        return;
      }
      const socket = await openSocket(url);
      sockets.push(socket);
      const visitId = world.live.visitId;
      const refused = { type: 'error', code: 'visit.not_found' };
      // ping
      expect(await ask(socket, { action: 'ping' })).toMatchObject({ type: 'pong' });
      expect(await hearsChange(socket), 'before watching').toBe(want.hears.before);
      // watch
      const watching = await ask(socket, { action: 'watch', visitId });
      if (want.mayWatch) expect(watching).toEqual({ type: 'watching', visitId });
      else expect(watching).toMatchObject(refused);
      expect(await hearsChange(socket), 'while watching').toBe(want.hears.watching);
      // unwatch
      const unwatching = await ask(socket, { action: 'unwatch', visitId });
      if (want.mayWatch) expect(unwatching).toEqual({ type: 'unwatching', visitId });
      else expect(unwatching).toMatchObject(refused);
      expect(await hearsChange(socket), 'after unwatching').toBe(want.hears.after);
      // watch or unwatch without a visit, or one that does not exist
      expect(await ask(socket, { action: 'watch' })).toMatchObject(refused);
      expect(await ask(socket, { action: 'unwatch', visitId: 'no-such-visit' })).toMatchObject(
        refused,
      );
      // anything else
      expect(await ask(socket, { action: 'admit', visitId })).toMatchObject({
        type: 'error',
        code: 'message.unknown',
      });
      for (const invalid of ['not json', 'null', '5', '[]', '"watch"'])
        expect(await ask(socket, invalid), invalid).toMatchObject({
          type: 'error',
          code: 'message.invalid',
        });
    });
  }
});
