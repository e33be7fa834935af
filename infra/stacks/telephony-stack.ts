import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as chime from 'aws-cdk-lib/aws-chime';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { TelevisitFunction } from '../constructs/televisit-function';
import {
  appointmentsTable,
  auditTable,
  connectionsTable,
  guestLinksTable,
  limitsTable,
} from '../schema/tables';
import type { DataStack } from './data-stack';
import { SipRule } from './sip-rule';

export interface TelephonyStackProps extends StackProps {
  data: DataStack;
  appName: string;
  /** The clinic's number (televisit:dialInNumber): its SIP rule is made when there is one. */
  dialInNumber?: string | undefined;
}

/**
 * The clinic's phone line (televisit:telephony=true; us-east-1 and us-west-2 only, which the
 * whole app already is): a SIP media application whose one endpoint is the phone function
 * (functions/handlers/phone.ts). Chime invokes it as `voiceconnector.chime.amazonaws.com`,
 * from this account only. The function reads PINs, invitations and visits, knocks and leaves
 * like the visits function, keeps calls (connections table) and callers' failures (limits
 * table), and hashes PINs and calling numbers with the link key. Other functions that wake a
 * call get `allowUpdates`: UpdateSipMediaApplicationCall on this application only; the visits
 * function, which places providers' calls, `allowCalls` (CreateSipMediaApplicationCall too).
 *
 * With the clinic's number (ordered beforehand by `npm run phone:order`), the number's SIP rule
 * is made here too (sip-rule.ts); without one, the application answers no calls.
 */
export class TelephonyStack extends Stack {
  readonly phoneFunction: TelevisitFunction;
  readonly sipMediaApplication: chime.CfnSipMediaApplication;
  readonly sipRule?: SipRule;

  constructor(scope: Construct, id: string, props: TelephonyStackProps) {
    super(scope, id, props);
    const { data } = props;
    // The application waits 5 s for an answer, then asks again: longer would only overlap.
    this.phoneFunction = new TelevisitFunction(this, 'phone-function', {
      entry: 'functions/handlers/phone.ts',
      description: 'Televisit phone line (Chime SDK SIP media application)',
      serviceName: 'phone',
      logs: data.logSettings,
      timeout: Duration.seconds(5),
    });
    this.phoneFunction
      .useTable(
        data.table(appointmentsTable),
        ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        { indexes: ['gsi1', 'gsi2'] },
      )
      .useTable(data.table(guestLinksTable), ['GetItem', 'PutItem', 'Query', 'UpdateItem'], {
        indexes: ['gsi1'],
      })
      .useTable(data.table(auditTable), ['PutItem'])
      .useTable(data.table(limitsTable), ['GetItem', 'PutItem', 'UpdateItem', 'Query'])
      .useTable(data.table(connectionsTable), ['GetItem', 'PutItem'], { indexes: ['gsi1'] })
      .useMacKey('LINK_KEY_ID', data.linkKey)
      .allowResourceless(['chime:CreateMeetingWithAttendees'])
      .allowMeetings(['chime:BatchCreateAttendee', 'chime:DeleteAttendee', 'chime:GetMeeting']);
    this.phoneFunction.lambda.addPermission('ChimeVoice', {
      principal: new iam.ServicePrincipal('voiceconnector.chime.amazonaws.com'),
      sourceAccount: this.account,
    });
    this.sipMediaApplication = new chime.CfnSipMediaApplication(this, 'SipMediaApplication', {
      awsRegion: this.region,
      name: `${props.appName}-phone-line`,
      endpoints: [{ lambdaArn: this.phoneFunction.lambda.functionArn }],
    });
    if (props.dialInNumber)
      this.sipRule = new SipRule(this, 'SipRule', {
        data,
        application: this.sipMediaApplication,
        phoneNumber: props.dialInNumber,
        name: `${props.appName}-dial-in`,
      });
  }

  /**
   * Lets a function place calls from the clinic's number through this application (a
   * provider's "Call a phone"), beside waking them: CreateSipMediaApplicationCall on it only.
   */
  allowCalls(fn: TelevisitFunction, clinicNumber: string): TelevisitFunction {
    return this.allowUpdates(fn)
      .setEnvironment('DIAL_IN_NUMBER', clinicNumber)
      .allow(
        ['chime:CreateSipMediaApplicationCall'],
        [this.sipMediaApplication.attrSipMediaApplicationArn],
      );
  }

  /** Lets a function wake calls of this application, and tells it which application. */
  allowUpdates(fn: TelevisitFunction): TelevisitFunction {
    return fn
      .setEnvironment(
        'SIP_MEDIA_APPLICATION_ID',
        this.sipMediaApplication.attrSipMediaApplicationId,
      )
      .allow(
        ['chime:UpdateSipMediaApplicationCall'],
        [this.sipMediaApplication.attrSipMediaApplicationArn],
      );
  }
}
