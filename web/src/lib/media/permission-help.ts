/**
 * What to tell a person whose camera or microphone could not be opened, in plain words and for
 * the browser they are using: most people have never seen the permission settings.
 */
export interface MediaProblem {
  kind: 'blocked' | 'missing' | 'busy' | 'unsupported' | 'other';
  title: string;
  text: string;
  steps: string[];
}

type Browser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'ios' | 'android';

export function browserOf(userAgent: string): Browser {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
  if (/Android/.test(userAgent)) return 'android';
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\//.test(userAgent) || /Chromium\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'chrome';
}

const allowSteps: Record<Browser, string[]> = {
  chrome: [
    'Click the camera icon (or the settings icon) at the left end of the address bar.',
    'Set Camera and Microphone to Allow.',
    'Click Try again below (or reload the page).',
  ],
  edge: [
    'Click the lock icon at the left end of the address bar, then Permissions for this site.',
    'Set Camera and Microphone to Allow.',
    'Click Try again below (or reload the page).',
  ],
  firefox: [
    'Click the crossed-out camera or microphone icon in the address bar.',
    'Clear "Blocked temporarily" (or remove the block), then click Try again below.',
    'When Firefox asks, choose Allow.',
  ],
  safari: [
    'In the Safari menu, choose Settings for This Website (or Settings… › Websites).',
    'Set Camera and Microphone to Allow for this website.',
    'Click Try again below (or reload the page).',
  ],
  ios: [
    'Open the Settings app, then Safari (or the browser you are using).',
    'Under Settings for Websites, set Camera and Microphone to Allow or Ask.',
    'Come back here and tap Try again.',
  ],
  android: [
    'Tap the icon at the left end of the address bar, then Permissions.',
    'Turn Camera and Microphone on.',
    'Tap Try again below.',
  ],
};

const systemHint =
  'If the browser already allows them, your computer may not: on a Mac see System Settings › Privacy & Security › Camera and Microphone; on Windows see Settings › Privacy › Camera and Microphone.';

export function explainMediaError(error: unknown, userAgent = navigator.userAgent): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const browser = browserOf(userAgent);
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') {
    return {
      kind: 'blocked',
      title: 'Your browser blocked the camera and microphone',
      text: 'The provider needs to see and hear you. To allow them:',
      steps: [...allowSteps[browser], systemHint],
    };
  }
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError') {
    return {
      kind: 'missing',
      title: 'No camera or microphone was found',
      text: 'Plug in a headset or webcam, or join from a phone or a laptop with a built-in camera.',
      steps: [],
    };
  }
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') {
    return {
      kind: 'busy',
      title: 'Your camera or microphone is busy',
      text: 'Another app (another video call, perhaps) is using it. Close that app, then try again.',
      steps: [],
    };
  }
  if (name === 'NotSupportedError' || name === 'TypeError') {
    return {
      kind: 'unsupported',
      title: 'This browser cannot use a camera here',
      text: 'Open the link in an up-to-date Chrome, Edge, Firefox or Safari.',
      steps: [],
    };
  }
  return {
    kind: 'other',
    title: 'The camera and microphone could not be started',
    text: 'Try again. If it keeps happening, restart the browser.',
    steps: [],
  };
}
