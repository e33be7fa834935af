import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { accessTokenFor } from '../../helpers/auth';
import { stack } from '../../helpers/local-stack';
import { nextMessage, openSocket } from '../../helpers/ws';
import { type CallerKey, callerKeys, setUpWorld, type World } from './callers';

/** Who may watch dr.lee's visit (hear every change): clinic staff who see it, nobody else. */
const mayWatch: Record<CallerKey, boolean | 'no-connection'> = {
  owner: true,
  manager: true,
  provider: true,
  otherProvider: false,
  staff: true,
  client: false,
  otherClient: false,
  contact: false,
  guest: false,
  anonymous: 'no-connection',
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

describe('WebSocket messages, for every kind of caller', () => {
  let world: World;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    world = await setUpWorld();
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

  for (const caller of callerKeys) {
    it(`${caller}: connect, ping, and watch the visit only if allowed`, async () => {
      const url = await urlFor(caller);
      if (mayWatch[caller] === 'no-connection') {
        await expect(openSocket(url)).rejects.toMatchObject({ status: 401 });
        return;
      }
      const socket = await openSocket(url);
      sockets.push(socket);
      socket.send(JSON.stringify({ action: 'ping' }));
      expect((await nextMessage(socket, (m) => m.type === 'pong')).type).toBe('pong');
      socket.send(JSON.stringify({ action: 'watch', visitId: world.live.visitId }));
      const answer = await nextMessage(socket, (m) => m.type === 'watching' || m.type === 'error');
      if (mayWatch[caller])
        expect(answer).toEqual({ type: 'watching', visitId: world.live.visitId });
      else expect(answer).toMatchObject({ type: 'error', code: 'visit.not_found' });
      socket.send('not json');
      expect((await nextMessage(socket, (m) => m.type === 'error')).code).toBe('message.invalid');
    });
  }
});
