import { describe, expect, it } from 'vitest';
import {
  isMeshSignalingUrl,
  meshSignalingUrl,
  meshSocketUrl,
  parseClientMessage,
} from '../../../functions/local/media/protocol';

describe('media signalling protocol', () => {
  it('marks local SignalingUrls so the web client picks the mesh', () => {
    const url = meshSignalingUrl('ws://127.0.0.1:3000/_media', 'm-1');

    expect(isMeshSignalingUrl(url)).toBe(true);
    expect(isMeshSignalingUrl('wss://signal.m3.ue1.app.chime.aws/control/m-1')).toBe(false);
    expect(isMeshSignalingUrl(undefined)).toBe(false);
    expect(isMeshSignalingUrl('not a url')).toBe(false);
    expect(meshSocketUrl(url, 'tok/+=')).toBe(
      'ws://127.0.0.1:3000/_media?meeting=m-1&transport=televisit-mesh&token=tok%2F%2B%3D',
    );
  });

  it('reads offers, answers and ICE candidates, dropping unknown fields', () => {
    expect(parseClientMessage('{"type":"offer","to":"a","sdp":"v=0","extra":1}')).toEqual({
      type: 'offer',
      to: 'a',
      sdp: 'v=0',
    });
    expect(
      parseClientMessage(
        '{"type":"ice","to":"a","candidate":{"candidate":"candidate:1","sdpMid":"0","sdpMLineIndex":0,"x":1}}',
      ),
    ).toEqual({
      type: 'ice',
      to: 'a',
      candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
    });
    expect(parseClientMessage('{"type":"ice","to":"a","candidate":null}')).toEqual({
      type: 'ice',
      to: 'a',
      candidate: null,
    });
  });

  it('reads a microphone state, which goes to everyone and so names no recipient', () => {
    expect(parseClientMessage('{"type":"state","muted":true,"to":"a"}')).toEqual({
      type: 'state',
      muted: true,
    });
    expect(parseClientMessage('{"type":"state","muted":"no"}')).toBeUndefined();
    expect(parseClientMessage('{"type":"state"}')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['no recipient', '{"type":"offer","sdp":"v=0"}'],
    ['an unknown type', '{"type":"kick","to":"a"}'],
    ['an SDP that is not text', '{"type":"answer","to":"a","sdp":5}'],
    ['an oversized SDP', JSON.stringify({ type: 'offer', to: 'a', sdp: 'x'.repeat(70_000) })],
    ['a malformed candidate', '{"type":"ice","to":"a","candidate":{"sdpMid":"0"}}'],
  ])('refuses %s', (_, text) => {
    expect(parseClientMessage(text)).toBeUndefined();
  });
});
