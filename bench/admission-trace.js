// Marks what a page does after admission, for `BENCH_TRACE=bench/admission-trace.js npm run bench`:
// sockets opened and messages, fetches, peer connections and getUserMedia, with Date.now().
window.__marks = [];
const mark = (name) => window.__marks.push([name, Date.now()]);
const NativeWS = window.WebSocket;
// biome-ignore lint/complexity/useArrowFunction: pages call it with `new`
window.WebSocket = function (url, protocols) {
  const ws = new NativeWS(url, protocols);
  const kind = String(url).includes('_media') ? 'media' : 'rt';
  mark(`${kind} ws new`);
  ws.addEventListener('open', () => mark(`${kind} ws open`));
  ws.addEventListener('message', (e) => {
    try {
      const m = JSON.parse(e.data);
      mark(`${kind} msg ${m.type}`);
    } catch {
      mark(`${kind} msg ?`);
    }
  });
  const send = ws.send.bind(ws);
  ws.send = (d) => {
    try {
      mark(`${kind} send ${JSON.parse(d).type ?? JSON.parse(d).action}`);
    } catch {}
    return send(d);
  };
  return ws;
};
window.WebSocket.prototype = NativeWS.prototype;
Object.assign(window.WebSocket, { OPEN: 1, CLOSED: 3, CONNECTING: 0, CLOSING: 2 });
const nativeFetch = window.fetch;
window.fetch = async (input, init) => {
  const u = String(input.url ?? input);
  mark(`fetch ${u.replace(/^.*\/api/, '')}`);
  const r = await nativeFetch(input, init);
  mark(`fetched ${r.status} ${u.replace(/^.*\/api/, '')}`);
  return r;
};
const NativePC = window.RTCPeerConnection;
// biome-ignore lint/complexity/useArrowFunction: pages call it with `new`
window.RTCPeerConnection = function (cfg) {
  const pc = new NativePC(cfg);
  mark('pc new');
  pc.addEventListener('track', (e) => {
    mark(`pc track ${e.track.kind}`);
    e.track.addEventListener('unmute', () => mark(`track unmute ${e.track.kind}`));
  });
  pc.addEventListener('connectionstatechange', () => mark(`pc ${pc.connectionState}`));
  pc.addEventListener('iceconnectionstatechange', () => mark(`ice ${pc.iceConnectionState}`));
  return pc;
};
window.RTCPeerConnection.prototype = NativePC.prototype;
const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (c) => {
  mark('gum start');
  const s = await gum(c);
  mark('gum done');
  return s;
};
