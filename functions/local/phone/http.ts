import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, notFound, sendChimeError } from '../chime/errors';
import type { PhoneNetwork } from './network';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const value = JSON.parse(body.toString('utf8') || '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const e164 = /^\+[1-9]\d{1,14}$/;

const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value as Record<string, unknown>) ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );

/**
 * Chime SDK voice's REST API as the functions call it (`/_voice`, the endpoint override):
 * CreateSipMediaApplicationCall, `POST /sip-media-applications/{id}/calls`, and
 * UpdateSipMediaApplicationCall, `POST /sip-media-applications/{id}/calls/{transactionId}`.
 */
export function voiceApi(network: PhoneNetwork) {
  return (req: IncomingMessage, res: ServerResponse, path: string, body: Buffer) => {
    const requestId = randomUUID();
    const create = /^\/sip-media-applications\/([^/]+)\/calls$/.exec(path);
    if (req.method === 'POST' && create) {
      const given = parse(body);
      const from = String(given.FromPhoneNumber ?? '');
      const to = String(given.ToPhoneNumber ?? '');
      if (create[1] !== network.applicationId)
        return sendChimeError(res, notFound('No such SIP media application.'), requestId);
      if (!e164.test(from) || !e164.test(to))
        return sendChimeError(res, badRequest('From and To must be E.164 numbers.'), requestId);
      const transactionId = network.place(from, to, strings(given.ArgumentsMap));
      if (!transactionId)
        return sendChimeError(
          res,
          badRequest('The From number is not in the inventory.'),
          requestId,
        );
      return json(res, 201, { SipMediaApplicationCall: { TransactionId: transactionId } });
    }
    const update = /^\/sip-media-applications\/([^/]+)\/calls\/([^/?]+)$/.exec(path);
    if (req.method === 'POST' && update) {
      const [, applicationId, transactionId] = update;
      const args = strings(parse(body).Arguments);
      if (applicationId !== network.applicationId || !network.update(transactionId ?? '', args))
        return sendChimeError(res, notFound('No such call.'), requestId);
      return json(res, 202, { SipMediaApplicationCall: { TransactionId: transactionId } });
    }
    return sendChimeError(res, notFound(`No such operation: ${req.method} ${path}`), requestId);
  };
}

/**
 * The local phone's own controls (`/_local/phone`), for the softphone page, the terminal
 * command and tests: dial, press keys, hang up, and what the caller has heard so far; for a
 * call the clinic places, the calls ringing a number, and answer, decline or busy.
 */
export function phoneControls(network: PhoneNetwork) {
  return (req: IncomingMessage, res: ServerResponse, path: string, body: Buffer) => {
    if (req.method === 'POST' && path === '/calls') {
      const { from, to } = parse(body);
      if (typeof from !== 'string' || typeof to !== 'string' || !/^\+[1-9]\d{1,14}$/.test(from))
        return json(res, 400, {
          error: { code: 'validation.failed', message: 'Give from (E.164) and to.' },
        });
      const transactionId = network.dial(from, to);
      if (!transactionId)
        return json(res, 404, {
          error: { code: 'phone.not_in_service', message: 'That number is not in service.' },
        });
      return json(res, 201, { transactionId });
    }
    const ringing = /^\/calls\?to=([^&]+)$/.exec(path);
    if (req.method === 'GET' && ringing)
      return json(res, 200, { calls: network.callsTo(decodeURIComponent(ringing[1] ?? '')) });
    const one = /^\/calls\/([^/?]+)(\/keys|\/hangup|\/answer|\/decline|\/busy)?$/.exec(path);
    const transactionId = one?.[1] ?? '';
    if (one && req.method === 'GET' && !one[2]) {
      const view = network.view(transactionId);
      return view
        ? json(res, 200, view)
        : json(res, 404, { error: { code: 'phone.no_call', message: 'No such call.' } });
    }
    if (one && req.method === 'POST' && one[2] === '/keys') {
      const keys = String(parse(body).keys ?? '');
      if (!/^[0-9*#]{1,32}$/.test(keys))
        return json(res, 400, {
          error: { code: 'validation.failed', message: 'Keys are 0-9, * and #.' },
        });
      return network.press(transactionId, keys)
        ? json(res, 200, { ok: true })
        : json(res, 404, { error: { code: 'phone.no_call', message: 'No such call.' } });
    }
    if (one && req.method === 'POST' && one[2] && one[2] !== '/keys' && one[2] !== '/hangup') {
      const done =
        one[2] === '/answer'
          ? network.answer(transactionId)
          : network.refuse(transactionId, one[2] === '/busy' ? 'busy' : 'declined');
      return done
        ? json(res, 200, { ok: true })
        : json(res, 409, {
            error: { code: 'phone.not_ringing', message: 'That call is not ringing.' },
          });
    }
    if (one && req.method === 'POST' && one[2] === '/hangup')
      return network.hangUp(transactionId)
        ? json(res, 200, { ok: true })
        : json(res, 404, { error: { code: 'phone.no_call', message: 'No such call.' } });
    return json(res, 404, { error: { code: 'not_found', message: 'No such phone control.' } });
  };
}
