import type { App } from 'aws-cdk-lib';
import { appUrlSource, loadConfig, type TelevisitConfig } from './config';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { EdgeStack } from './stacks/edge-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { RealtimeStack } from './stacks/realtime-stack';
import { TelephonyStack } from './stacks/telephony-stack';
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
  /** The phone line, with televisit:telephony=true. */
  telephony?: TelephonyStack;
}

/**
 * Adds every Televisit stack to `app`, one per concern, wired in dependency order:
 * data, auth and messaging first, then the WebSocket API (realtime, with Chime's meeting events),
 * then the HTTP API, whose visits function pushes through the WebSocket API, then the web front
 * that points at both. With televisit:telephony=true the telephony stack (the clinic's SIP
 * media application and its phone function) comes before realtime, whose visit-news function
 * wakes calls. With televisit:ownerEmail the API stack also makes the clinic's first owner
 * (stacks/first-owner.ts). app.ts and the infra tests both build the app through this function.
 */
export function buildApp(app: App, config: TelevisitConfig = loadConfig(app)): TelevisitStacks {
  const name = (concern: string) => `${config.appName}-${concern}`;
  const env = config.env;
  const data = new DataStack(app, name('Data'), { env, logRetentionDays: config.logRetentionDays });
  const auth = new AuthStack(app, name('Auth'), { env });
  const messaging = new MessagingStack(app, name('Messaging'), { env, mailFrom: config.mailFrom });
  const appUrl = appUrlSource(config);
  const telephony = config.telephony
    ? new TelephonyStack(app, name('Telephony'), {
        env,
        data,
        appName: config.appName,
        dialInNumber: config.dialInNumber,
      })
    : undefined;
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
    telephony,
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
  // Where a page gets a push, a caller's call is woken (functions/visits/news.ts).
  if (telephony) telephony.allowUpdates(realtime.visitNews.function);
  return {
    config,
    data,
    auth,
    messaging,
    api,
    realtime,
    web,
    ...(edge ? { edge } : {}),
    ...(telephony ? { telephony } : {}),
  };
}
