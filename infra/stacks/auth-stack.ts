import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { roleDescriptions, userPoolDefinition } from '../schema/user-pool';

/**
 * The people of the clinic: one Cognito user pool built from infra/schema/user-pool.ts, its
 * role groups and the web app's client. Accounts are created by the clinic (staff invite
 * clients and contacts), never by self sign-up.
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.userPool = this.createUserPool();
    this.createGroups();
    this.webClient = this.createWebClient();
  }

  /**
   * The Plus feature plan turns on threat protection (compromised-credential and adaptive
   * sign-in checks) in full-function mode: staff accounts open PHI, so a leaked password must
   * not be enough. MFA is optional: staff can enrol an authenticator app, while clients and
   * contacts, who sign in only to join a visit, are not turned away at the door.
   */
  private createUserPool(): cognito.UserPool {
    const def = userPoolDefinition;
    const policy = def.passwordPolicy;
    const pool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: def.name,
      selfSignUpEnabled: false,
      signInAliases: {
        email: (def.usernameAttributes as readonly string[]).includes('email'),
        phone: (def.usernameAttributes as readonly string[]).includes('phone_number'),
      },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: policy.minLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireDigits,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional, not required: clients and contacts sign in rarely, only to join a visit, and must not be locked out; staff can enrol an authenticator app, and threat protection checks every sign-in.',
    });
    return pool;
  }

  /** Roles are groups; precedence follows the order in user-pool.ts (owner first). */
  private createGroups(): void {
    userPoolDefinition.groups.forEach((group, precedence) => {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: roleDescriptions[group],
        precedence,
      });
    });
  }

  /**
   * The browser's client: no secret (a browser cannot keep one) and no OAuth hosted UI; the web
   * app signs in with the flows user-pool.ts lists. Refresh is always allowed by Cognito.
   */
  private createWebClient(): cognito.UserPoolClient {
    const client = userPoolDefinition.webClient;
    const flows = client.authFlows as readonly string[];
    return this.userPool.addClient('WebClient', {
      userPoolClientName: client.name,
      generateSecret: false,
      authFlows: {
        userPassword: flows.includes('ALLOW_USER_PASSWORD_AUTH'),
        userSrp: flows.includes('ALLOW_USER_SRP_AUTH'),
        adminUserPassword: flows.includes('ALLOW_ADMIN_USER_PASSWORD_AUTH'),
        custom: flows.includes('ALLOW_CUSTOM_AUTH'),
      },
      disableOAuth: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(client.accessTokenValidityMinutes),
      idTokenValidity: Duration.minutes(client.idTokenValidityMinutes),
      refreshTokenValidity: Duration.days(client.refreshTokenValidityDays),
    });
  }
}
