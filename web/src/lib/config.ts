/** Public settings of this deployment, from /config.json (the web stack deploys it in AWS). */
export interface WebConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  apiUrl: string;
  /** WebSocket API URL; a path (local mode) is resolved against this page's host. */
  wsUrl: string;
  /** Cognito endpoint; a path (local mode) is resolved against this page's origin. */
  cognitoEndpoint: string;
  localMode: boolean;
  outboxUrl?: string;
  /** The clinic's phone number (E.164), when it has a phone line: providers may call phones. */
  phoneNumber?: string;
}

let loading: Promise<WebConfig> | undefined;

export function loadConfig(): Promise<WebConfig> {
  loading ??= fetch('/config.json', { cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error(`config.json answered ${response.status}`);
    return (await response.json()) as WebConfig;
  });
  return loading;
}

/** Absolute URL for a configured endpoint that may be a path on this origin. */
export function absolute(url: string, protocol: 'http' | 'ws' = 'http'): string {
  const resolved = new URL(url, window.location.href);
  if (protocol === 'ws' && resolved.protocol.startsWith('http')) {
    resolved.protocol = resolved.protocol === 'https:' ? 'wss:' : 'ws:';
  }
  return resolved.toString();
}
