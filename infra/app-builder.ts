import type { App } from 'aws-cdk-lib';
import { appUrlSource, loadConfig, type TelevisitConfig } from './config';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { EdgeStack } from './stacks/edge-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { RealtimeStack } from './stacks/realtime-stack';
import { WebStack } from './stacks/web-stack';

export interface TelevisitStacks {
  config: TelevisitConfig;
  data: DataStack;
  auth: AuthStack;
  messaging: MessagingStack;
  api: ApiStack;
  realtime: RealtimeStack;
  web: WebStack;
  /** The web ACL in front of CloudFront, unless the clinic brings its own. */
  edge?: EdgeStack;
}

/**
 * Adds every Televisit stack to `app`, one per concern, wired in dependency order:
 * data, auth and messaging first, then the WebSocket API (realtime, with Chime's meeting events),
 * then the HTTP API, whose visits function pushes through the WebSocket API, then the web front
 * that points at both. The telephony stack (Chime SIP media application) will sit beside
 * realtime. With televisit:ownerEmail the API stack also makes the clinic's first owner
 * (stacks/first-owner.ts). app.ts and the infra tests both build the app through this function.
 */
export function buildApp(app: App, config: TelevisitConfig = loadConfig(app)): TelevisitStacks {
  const name = (concern: string) => `${config.appName}-${concern}`;
  const env = config.env;
  const data = new DataStack(app, name('Data'), { env, logRetentionDays: config.logRetentionDays });
  const auth = new AuthStack(app, name('Auth'), { env });
  const messaging = new MessagingStack(app, name('Messaging'), { env, mailFrom: config.mailFrom });
  const appUrl = appUrlSource(config);
  const realtime = new RealtimeStack(app, name('Realtime'), {
    env,
    data,
    auth,
    throttle: config.throttle,
  });
  const api = new ApiStack(app, name('Api'), {
    env,
    data,
    auth,
    messaging,
    realtime,
    appUrl,
    dialInNumber: config.dialInNumber,
    throttle: config.throttle,
    firstOwner: config.ownerEmail
      ? {
          ownerEmail: config.ownerEmail,
          ownerName: config.ownerName,
          clinicName: config.clinicName,
          timeZone: config.timeZone,
        }
      : undefined,
  });
  // CloudFront's web ACL lives in us-east-1 whatever the app's region.
  const crossRegion = env.region !== 'us-east-1';
  const edge = config.webAclArn
    ? undefined
    : new EdgeStack(app, name('Edge'), {
        env: { ...env, region: 'us-east-1' },
        logRetentionDays: config.logRetentionDays,
        ...(crossRegion ? { crossRegionReferences: true } : {}),
      });
  const web = new WebStack(app, name('Web'), {
    env,
    data,
    auth,
    api,
    realtime,
    config,
    appUrl,
    webAclArn: config.webAclArn ?? edge?.webAcl.attrArn ?? '',
    ...(crossRegion ? { crossRegionReferences: true } : {}),
  });
  return { config, data, auth, messaging, api, realtime, web, ...(edge ? { edge } : {}) };
}
