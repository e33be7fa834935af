import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { matchesAppointmentNotices, matchesVisitNews } from '../../infra/schema/streams';
import { type TableDefinition, tableDefinitions } from '../../infra/schema/tables';
import { cognitoIssuer } from '../adapters/cognito-jwt';
import { resetEnvCache } from '../platform/env';
import { createTables, ensureLinkKey, ensureUserPool, KMSClient, verifySender } from './bootstrap';
import { createMeetingsPlane, type MeetingsPlane } from './chime/meetings-plane';
import { requireEmulatorTools, startDynamoDbLocal, startMoto } from './emulators';
import { createMeetingEventBus } from './gateway/event-bus';
import {
  appointmentNoticesHandler,
  phoneHandler,
  remindersHandler,
  visitNewsHandler,
} from './gateway/lambdas';
import { startScheduler } from './gateway/scheduler';
import { startGateway } from './gateway/server';
import { DynamoDBStreamsClient, startStreamPoller } from './gateway/stream-poller';
import { PhoneNetwork } from './phone/network';
import { ensurePortFree, freePort, killNow, type Managed } from './processes';
import { seedDemoClinic } from './seed';

export interface LocalStackOptions {
  host: string;
  port: number;
  dynamoPort?: number;
  motoPort?: number;
  webRoot: string;
  seed: boolean;
  region?: string;
}

export interface LocalStack {
  url: string;
  dynamoUrl: string;
  motoUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  tables: Record<string, string>;
  mailFrom: string;
  /** The environment the handlers run with (endpoints, table names); local values only. */
  handlerEnv: Record<string, string>;
  /** Process ids of the emulators, so tests can stall (SIGSTOP) or kill one. */
  pids: { dynamodb: number; moto: number };
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localMailFrom = 'no-reply@demo.test';
export const localDialInNumber = '+12025550100';
/** The local stand-in for the clinic's SIP media application. */
export const localSipMediaApplicationId = 'local-sip-media-application';
export const localTableName = (table: TableDefinition) => `televisit-${table.id}`;

/**
 * Starts the whole system on one machine: DynamoDB Local, moto_server, the tables and user pool
 * from the CDK's definitions, the demo clinic, and the gateway that runs the real handlers.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const region = options.region ?? 'us-east-1';
  const [dynamoPort, motoPort] = await Promise.all([
    options.dynamoPort ?? freePort(),
    options.motoPort ?? freePort(),
  ]);
  const children: Managed[] = [];
  const killChildren = () => killNow(children);
  process.once('exit', killChildren);
  let meetings: MeetingsPlane | undefined;
  let pollers: ReturnType<typeof startStreamPoller>[] = [];
  let scheduler: ReturnType<typeof startScheduler> | undefined;
  try {
    // Check everything before starting anything, so a missing tool or a taken port fails at
    // once; each emulator is tracked as soon as it is spawned, so a failed start stops it too.
    requireEmulatorTools();
    await Promise.all([
      ensurePortFree(dynamoPort, 'DynamoDB Local (DYNAMODB_PORT)'),
      ensurePortFree(motoPort, 'moto_server (MOTO_PORT)'),
      options.port === 0 ? undefined : ensurePortFree(options.port, 'the app (PORT)'),
    ]);
    const track = (child: Managed) => children.push(child);
    const [dynamoProcess, motoProcess] = await Promise.all([
      startDynamoDbLocal(dynamoPort, track),
      startMoto(motoPort, track),
    ]);
    const dynamoUrl = `http://127.0.0.1:${dynamoPort}`;
    const motoUrl = `http://127.0.0.1:${motoPort}`;
    const url = `http://${options.host}:${options.port}`;
    const dynamodb = new DynamoDBClient({ region, endpoint: dynamoUrl, credentials });
    const cognito = new CognitoIdentityProviderClient({ region, endpoint: motoUrl, credentials });
    const ses = new SESClient({ region, endpoint: motoUrl, credentials });

    await createTables(dynamodb, tableDefinitions, localTableName);
    const pool = await ensureUserPool(cognito);
    await verifySender(ses, localMailFrom);
    const kms = new KMSClient({ region, endpoint: motoUrl, credentials });
    const linkKeyId = await ensureLinkKey(kms, 'alias/televisit/link-key');
    const tables = Object.fromEntries(tableDefinitions.map((t) => [t.envVar, localTableName(t)]));

    const handlerEnv: Record<string, string> = {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      TELEVISIT_LOCAL: '1',
      ENDPOINT_DYNAMODB: dynamoUrl,
      ENDPOINT_COGNITO: motoUrl,
      // Through the gateway's send log, which notes send times for the outbox (moto keeps none).
      ENDPOINT_SES: `${url}/_send`,
      ENDPOINT_SNS: `${url}/_send`,
      ENDPOINT_KMS: motoUrl,
      LINK_KEY_ID: linkKeyId,
      ENDPOINT_CHIME: `${url}/_chime`,
      WS_MANAGEMENT_ENDPOINT: `${url}/ws`,
      COGNITO_JWKS_URL: `${motoUrl}/${pool.userPoolId}/.well-known/jwks.json`,
      USER_POOL_ID: pool.userPoolId,
      USER_POOL_CLIENT_ID: pool.userPoolClientId,
      APP_URL: url,
      MAIL_FROM: localMailFrom,
      DIAL_IN_NUMBER: localDialInNumber,
      SIP_MEDIA_APPLICATION_ID: localSipMediaApplicationId,
      ENDPOINT_VOICE: `${url}/_voice`,
      ...tables,
    };
    Object.assign(process.env, handlerEnv);
    resetEnvCache();

    if (options.seed) {
      const documents = DynamoDBDocumentClient.from(dynamodb, {
        marshallOptions: { removeUndefinedValues: true },
      });
      await seedDemoClinic({
        cognito,
        documents,
        userPoolId: pool.userPoolId,
        appointmentsTable: tables.TABLE_APPOINTMENTS ?? '',
        now: new Date(),
      });
    }

    // Lambda's event source mappings: the appointments table's stream to the visit-news and
    // appointment-notices functions, each with its own filter and its own iterators.
    const streams = new DynamoDBStreamsClient({
      region,
      endpoint: dynamoUrl,
      credentials,
      requestHandler: {
        connectionTimeout: 1000,
        requestTimeout: 3000,
        throwOnRequestTimeout: true,
      },
    });
    const stream = { dynamodb, streams, tableName: tables.TABLE_APPOINTMENTS ?? '', region };
    pollers = [
      startStreamPoller({
        ...stream,
        functionName: 'visit-news',
        matches: matchesVisitNews,
        handler: visitNewsHandler,
      }),
      startStreamPoller({
        ...stream,
        functionName: 'appointment-notices',
        matches: matchesAppointmentNotices,
        handler: appointmentNoticesHandler,
      }),
    ];
    await Promise.all(pollers.map((p) => p.ready));
    meetings = createMeetingsPlane({
      region,
      mediaUrl: `${url.replace(/^http/, 'ws')}/_media`,
      onStateChange: createMeetingEventBus(region),
    });
    const phone = new PhoneNetwork({
      region,
      applicationId: localSipMediaApplicationId,
      numbers: [localDialInNumber],
      meetings: meetings.emulator,
      handler: phoneHandler,
      mediaUrl: `${url.replace(/^http/, 'ws')}/_media`,
    });
    scheduler = startScheduler(remindersHandler);
    const gateway = await startGateway({
      runScheduled: scheduler.runNow,
      host: options.host,
      port: options.port,
      region,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      motoUrl,
      mailFrom: localMailFrom,
      ses: new SESClient({ region, endpoint: `${url}/_send`, credentials }),
      webRoot: options.webRoot,
      meetings,
      phone,
      stopDynamoDb: () => {
        if (dynamoProcess.child.pid) process.kill(dynamoProcess.child.pid, 'SIGSTOP');
      },
      webConfig: {
        region,
        userPoolId: pool.userPoolId,
        userPoolClientId: pool.userPoolClientId,
        issuer: cognitoIssuer(region, pool.userPoolId),
        apiUrl: '/api',
        wsUrl: '/ws',
        cognitoEndpoint: '/_cognito',
        localMode: true,
        outboxUrl: '/_outbox',
        phoneNumber: localDialInNumber,
      },
    });
    return {
      url: gateway.url,
      dynamoUrl,
      motoUrl,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      tables,
      mailFrom: localMailFrom,
      handlerEnv,
      pids: { dynamodb: dynamoProcess.child.pid ?? 0, moto: motoProcess.child.pid ?? 0 },
      async stop() {
        scheduler?.stop();
        for (const poller of pollers) poller.stop();
        await gateway.close();
        await Promise.all(children.map((c) => c.stop()));
        process.off('exit', killChildren);
      },
    };
  } catch (error) {
    scheduler?.stop();
    for (const poller of pollers) poller.stop();
    meetings?.close();
    await Promise.all(children.map((c) => c.stop()));
    process.off('exit', killChildren);
    throw error;
  }
}
