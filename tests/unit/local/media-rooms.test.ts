import { describe, expect, it } from 'vitest';
import { Rooms } from '../../../functions/local/media/rooms';

const member = (attendeeId: string, socket: string) => ({
  peer: { attendeeId, externalUserId: `ext-${attendeeId}` },
  socket,
});

describe('media rooms', () => {
  it('keeps meetings apart', () => {
    const rooms = new Rooms<string>();
    rooms.add('m-1', member('a', 's-a'));
    rooms.add('m-2', member('b', 's-b'));

    expect(rooms.get('m-1', 'b')).toBeUndefined();
    expect(rooms.others('m-1').map((m) => m.peer.attendeeId)).toEqual(['a']);
  });

  it('lets a newer socket of the same attendee displace the older one', () => {
    const rooms = new Rooms<string>();
    rooms.add('m-1', member('a', 'old'));

    const displaced = rooms.add('m-1', member('a', 'new'));
    const removedByOld = rooms.remove('m-1', 'a', 'old');

    expect(displaced?.socket).toBe('old');
    expect(removedByOld).toBe(false);
    expect(rooms.get('m-1', 'a')?.socket).toBe('new');
  });

  it('empties a meeting at once when it ends', () => {
    const rooms = new Rooms<string>();
    rooms.add('m-1', member('a', 's-a'));
    rooms.add('m-1', member('b', 's-b'));

    const taken = rooms.take('m-1');

    expect(taken).toHaveLength(2);
    expect(rooms.others('m-1')).toEqual([]);
  });
});
