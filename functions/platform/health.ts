/** The components `/api/health` reports, in the order the contract lists them. */
export const healthComponents = ['dynamodb', 'cognito', 'email', 'sms', 'meetings'] as const;
export type HealthComponent = (typeof healthComponents)[number];

export type Probe = () => Promise<void>;

/** How long one probe may take before its component counts as down. */
const probeTimeoutMs = 3000;

function withTimeout(probe: Probe): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('probe timed out')), probeTimeoutMs);
    probe().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Runs every probe at once; the system is ok only when every component is. */
export async function checkHealth(probes: Record<HealthComponent, Probe>) {
  const results = await Promise.allSettled(
    healthComponents.map((name) => withTimeout(probes[name])),
  );
  const components = Object.fromEntries(
    healthComponents.map((name, i) => [name, results[i]?.status === 'fulfilled' ? 'ok' : 'down']),
  ) as Record<HealthComponent, 'ok' | 'down'>;
  const status = Object.values(components).every((s) => s === 'ok') ? 'ok' : 'down';
  return { status, components } as const;
}
