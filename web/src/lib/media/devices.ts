/** Which microphone, camera and speaker a person picked (device ids; empty for the default). */
export interface DeviceChoice {
  microphone: string;
  camera: string;
  speaker: string;
}

export interface DeviceLists {
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

const storageKey = 'televisit.devices';
const noChoice: DeviceChoice = { microphone: '', camera: '', speaker: '' };

/** The last choice on this device: the pre-join check, the waiting room and the call share it. */
export function loadChoice(): DeviceChoice {
  try {
    return { ...noChoice, ...(JSON.parse(localStorage.getItem(storageKey) ?? '{}') as object) };
  } catch {
    return { ...noChoice };
  }
}

export function saveChoice(choice: DeviceChoice): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(choice));
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** Device names are empty until the person has allowed the camera or microphone once. */
export async function listDevices(): Promise<DeviceLists> {
  const all = navigator.mediaDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  const named = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId);
  return {
    microphones: named('audioinput'),
    cameras: named('videoinput'),
    speakers: named('audiooutput'),
  };
}

/** Whether this browser lets a page pick the speaker (Safari and Firefox mostly do not). */
export const canChooseSpeaker = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export const videoConstraints = (camera: string): MediaTrackConstraints => ({
  ...(camera ? { deviceId: { exact: camera } } : {}),
  width: { ideal: 640 },
  height: { ideal: 360 },
  frameRate: { ideal: 24 },
});

export const audioConstraints = (microphone: string): MediaTrackConstraints => ({
  ...(microphone ? { deviceId: { exact: microphone } } : {}),
  echoCancellation: true,
  noiseSuppression: true,
});

/**
 * Opens the chosen camera and microphone. A device that was unplugged since it was chosen
 * falls back to the default rather than failing.
 */
export async function openLocalMedia(
  choice: DeviceChoice,
  want: { audio: boolean; video: boolean },
): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('', 'NotSupportedError');
  const ask = (c: DeviceChoice) =>
    navigator.mediaDevices.getUserMedia({
      audio: want.audio ? audioConstraints(c.microphone) : false,
      video: want.video ? videoConstraints(c.camera) : false,
    });
  try {
    return await ask(choice);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'OverconstrainedError')
      return ask(noChoice);
    throw error;
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Plays a media element through the chosen speaker, where the browser allows choosing. */
export async function routeToSpeaker(element: HTMLMediaElement, speaker: string): Promise<void> {
  const sink = element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  if (!sink.setSinkId) return;
  await sink.setSinkId(speaker).catch(() => sink.setSinkId?.(''));
}

/**
 * Whether to enter the call with the microphone and camera on, as set in the pre-join check.
 * Kept in memory only: the check and the call are one page visit (client-side navigation).
 */
export const startWith = { microphone: true, camera: true };

let warmed: { key: string; stream: Promise<MediaStream | undefined> } | undefined;
const warmKey = (choice: DeviceChoice, want: { audio: boolean; video: boolean }) =>
  JSON.stringify([choice.microphone, choice.camera, want.audio, want.video]);

/**
 * Opens camera and microphone ahead of time, while the person waits to be let in, so that
 * admission goes straight into the call instead of waiting for the devices then.
 */
export function warmLocalMedia(
  choice: DeviceChoice,
  want: { audio: boolean; video: boolean },
): void {
  const key = warmKey(choice, want);
  if (warmed?.key === key) return;
  void warmed?.stream.then(stopStream);
  warmed = { key, stream: openLocalMedia(choice, want).catch(() => undefined) };
}

/**
 * A copy of the stream warmed for this choice (warming it first if need be), for a preview
 * that can stop its copy without closing the devices the call will take over: one camera
 * open from the waiting room into the call, instead of one closing as the other opens.
 */
export async function copyOfWarmedMedia(
  choice: DeviceChoice,
  want: { audio: boolean; video: boolean },
): Promise<MediaStream> {
  warmLocalMedia(choice, want);
  const stream = await warmed?.stream;
  if (stream?.active) return stream.clone();
  // Warming failed (or was given back meanwhile): open directly, to show why.
  return openLocalMedia(choice, want);
}

/** The stream warmed for exactly this choice, handed over once; otherwise undefined. */
export async function takeWarmedMedia(
  choice: DeviceChoice,
  want: { audio: boolean; video: boolean },
): Promise<MediaStream | undefined> {
  if (warmed?.key !== warmKey(choice, want)) return undefined;
  const { stream } = warmed;
  warmed = undefined;
  return stream;
}

/** Gives the warmed devices back (the person left the waiting room). */
export function releaseWarmedMedia(): void {
  void warmed?.stream.then(stopStream);
  warmed = undefined;
}
