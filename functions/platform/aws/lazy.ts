import { traced } from './options';

/**
 * A client made on first use from SDK code loaded on first use: a function that never sends an
 * email does not load SES's code at start-up (its bundle keeps it in a chunk of its own).
 * DynamoDB, which every request uses, is loaded at start-up instead (dynamodb.ts).
 *
 * @example
 * export const ses = lazyClient('ses', () => import('./sdk/ses'), (sdk) => new sdk.SESClient(clientOptions('ses')));
 * const { client, sdk } = await ses();
 * await client.send(new sdk.SendRawEmailCommand({ ... }));
 */
export function lazyClient<S, C extends { middlewareStack: { use(plugin: never): void } }>(
  service: string,
  load: () => Promise<S>,
  make: (sdk: S) => C,
): () => Promise<{ client: C; sdk: S }> {
  let made: Promise<{ client: C; sdk: S }> | undefined;
  return () => {
    made ??= load().then((sdk) => {
      const client = make(sdk);
      client.middlewareStack.use(traced(service) as never);
      return { client, sdk };
    });
    made.catch(() => {
      made = undefined;
    });
    return made;
  };
}
