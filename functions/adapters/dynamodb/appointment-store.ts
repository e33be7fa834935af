import {
  documents,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '../../platform/aws/dynamodb';
import {
  type Appointment,
  type AppointmentStore,
  BookingRaceError,
  type BookingWrite,
  type DayIndex,
  type OnlineBookingWrite,
} from '../../scheduling/appointment';
import { maxAppointmentMs, type Slot } from '../../scheduling/calendar-rules';
import { batchGetAll, queryAll } from './helpers';
import { linkItem } from './link-store';
import { personalRoomItems } from './room-store';
import { items, keys, tables, withoutKeys } from './tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

async function listByIndex(
  index: 'gsi1' | 'gsi2',
  partition: string,
  fromIso: string,
  toIso: string,
): Promise<Appointment[]> {
  // An appointment that started before `from` can still overlap it: widen by the longest one.
  const earliestStart = new Date(Date.parse(fromIso) - maxAppointmentMs).toISOString();
  const found = await queryAll({
    TableName: tables.appointments(),
    IndexName: index,
    KeyConditionExpression: `${index}pk = :p AND ${index}sk BETWEEN :from AND :to`,
    ExpressionAttributeValues: { ':p': partition, ':from': earliestStart, ':to': toIso },
  });
  return found
    .map((item) => withoutKeys<Appointment>(item))
    .filter((a) => a.endsAt > fromIso && a.startsAt < toIso);
}

/** What each item of a booking's transaction guards, to tell which race a cancellation lost. */
type ItemKind = 'appointment' | 'calendar' | 'personal-room' | 'replayed' | 'client' | 'other';

function transactItems(
  write: BookingWrite,
  linkItems: TransactItem[],
): {
  items: TransactItem[];
  kinds: ItemKind[];
} {
  const list: TransactItem[] = [];
  const kinds: ItemKind[] = [];
  const add = (item: TransactItem, kind: (typeof kinds)[number]) => {
    list.push(item);
    kinds.push(kind);
  };
  const table = tables.appointments();
  for (const a of write.create) {
    add(
      {
        Put: {
          TableName: table,
          Item: items.appointment(a),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      'other',
    );
  }
  if (write.update) {
    add(
      {
        Put: {
          TableName: table,
          Item: items.appointment(write.update.appointment),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': write.update.expectedVersion },
        },
      },
      'appointment',
    );
  }
  for (const day of write.days) {
    const item = {
      ...keys.providerDay(day.providerId, day.day),
      providerId: day.providerId,
      day: day.day,
      version: day.expectedVersion + 1,
      slots: day.slots,
    };
    add(
      {
        Put: {
          TableName: table,
          Item: item,
          ...(day.expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': day.expectedVersion },
              }),
        },
      },
      'calendar',
    );
  }
  for (const link of write.links) {
    add(
      {
        Put: {
          TableName: tables.guestLinks(),
          Item: linkItem(link.record, link.hash),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      'other',
    );
  }
  for (const update of linkItems) add(update, 'other');
  if (write.online) for (const [item, kind] of onlineItems(write.online)) add(item, kind);
  if (write.personalRoom) {
    const [room, link, client] = personalRoomItems(write.personalRoom);
    if (!room || !link || !client) throw new Error('A personal room is three writes');
    add(room, 'other');
    add(link, 'other');
    // A client made by this very booking is written with its room already (one write per item).
    if (write.online?.newClient?.id !== write.personalRoom.room.clientId)
      add(client, 'personal-room');
  }
  return { items: list, kinds };
}

const putNew = (TableName: string, Item: object): TransactItem => ({
  Put: {
    TableName,
    Item: Item as Record<string, unknown>,
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** An online booking's manage link, idempotency key, and new client with its email's guard. */
function onlineItems(online: OnlineBookingWrite): [TransactItem, ItemKind][] {
  const { manage, idempotency, newClient } = online;
  const links = tables.guestLinks();
  const list: [TransactItem, ItemKind][] = [
    [putNew(links, { ...keys.manageLink(manage.hash), ...manage }), 'other'],
    [putNew(links, { ...keys.idempotency(idempotency.key), ...idempotency }), 'replayed'],
  ];
  if (newClient?.email) {
    const table = tables.appointments();
    list.push(
      [putNew(table, { ...keys.onlineClient(newClient.email), clientId: newClient.id }), 'client'],
      [putNew(table, items.client(newClient)), 'other'],
      ...items
        .clientFinders(newClient)
        .map((f): [TransactItem, ItemKind] => [{ Put: { TableName: table, Item: f } }, 'other']),
    );
  }
  return list;
}

type Key = { pk: string; sk: string };

/**
 * Updates to items of the guest-links table: single links by hash, and, for a rescheduled,
 * cancelled or completed appointment, every link, PIN and invitation it has (with the count of
 * invitees, indexed under gsi1 `APPT#<id>` beside them). One item may be
 * named twice (the generated link revoked while everything is re-timed): merged into one update,
 * since a transaction may touch an item only once.
 */
async function guestLinkUpdates(write: BookingWrite): Promise<TransactItem[]> {
  const updates = new Map<string, { key: Key; expiresAt?: number; revokedAt?: string }>();
  const merge = (
    key: Key,
    fields: { expiresAt?: number | undefined; revokedAt?: string | undefined },
  ) => {
    const id = `${key.pk}|${key.sk}`;
    const current = updates.get(id) ?? { key };
    updates.set(id, {
      ...current,
      ...(fields.expiresAt !== undefined ? { expiresAt: fields.expiresAt } : {}),
      ...(fields.revokedAt ? { revokedAt: fields.revokedAt } : {}),
    });
  };
  for (const change of write.linkUpdates) merge(keys.link(change.hash), change);
  if (write.appointmentLinks) {
    const { appointmentId, ...fields } = write.appointmentLinks;
    const [linksAndPins, invitees] = await Promise.all([
      queryAll({
        TableName: tables.guestLinks(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `APPT#${appointmentId}` },
      }),
      queryAll({
        TableName: tables.guestLinks(),
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :i)',
        ExpressionAttributeValues: { ':p': `APPT#${appointmentId}`, ':i': 'INVITEE#' },
      }),
    ]);
    // A revoked item (a withdrawn guest's link, a replaced link) stays revoked whatever its
    // expiry: leaving them out keeps the transaction within the invitation limit's count.
    for (const item of [...linksAndPins, ...invitees].filter((i) => !i.revokedAt))
      merge({ pk: String(item.pk), sk: String(item.sk) }, fields);
  }
  return [...updates.values()].map(({ key, expiresAt, revokedAt }) => {
    const set = [
      expiresAt !== undefined ? 'expiresAt = :e' : '',
      revokedAt ? 'revokedAt = :r' : '',
    ].filter(Boolean);
    return {
      Update: {
        TableName: tables.guestLinks(),
        Key: key,
        UpdateExpression: `SET ${set.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ...(expiresAt !== undefined ? { ':e': expiresAt } : {}),
          ...(revokedAt ? { ':r': revokedAt } : {}),
        },
      },
    };
  });
}

/**
 * Appointments (`APPT#<id>`; gsi1 a provider's calendar by start, gsi2 a client's) and each
 * provider's day index (`PROVIDER#<id>` / `DAY#<yyyy-mm-dd>`, UTC days) whose version guards
 * every booking. A booking is one TransactWriteItems call.
 */
export const dynamoAppointmentStore: AppointmentStore = {
  async get(id) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.appointment(id) }),
    );
    return result.Item ? withoutKeys<Appointment>(result.Item) : undefined;
  },
  listForProvider: (providerId, fromIso, toIso) =>
    listByIndex('gsi1', keys.providerSchedule(providerId), fromIso, toIso),
  listForClient: (clientId, fromIso, toIso) =>
    listByIndex('gsi2', `CLIENT#${clientId}`, fromIso, toIso),
  async dayIndexes(providerId, days) {
    // Strongly consistent: a booking must see the latest version it will be conditioned on.
    const found = await batchGetAll(
      tables.appointments(),
      days.map((day) => keys.providerDay(providerId, day)),
      { consistent: true },
    );
    return found.map((item) => ({
      providerId,
      day: String(item.day),
      version: Number(item.version),
      slots: (item.slots ?? []) as Slot[],
    })) satisfies DayIndex[];
  },
  async commit(write) {
    const { items: transactItems_, kinds } = transactItems(write, await guestLinkUpdates(write));
    if (transactItems_.length === 0) return;
    try {
      await documents().send(new TransactWriteCommand({ TransactItems: transactItems_ }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const lost = (kind: ItemKind) =>
        reasons.some((r, i) => r.Code === 'ConditionalCheckFailed' && kinds[i] === kind);
      if (lost('appointment')) throw new BookingRaceError('appointment');
      if (lost('personal-room')) throw new BookingRaceError('personal-room');
      if (lost('replayed')) throw new BookingRaceError('replayed');
      if (lost('client')) throw new BookingRaceError('client');
      if (lost('calendar') || reasons.some((r) => r.Code === 'TransactionConflict'))
        throw new BookingRaceError('calendar');
      throw error;
    }
  },
};
