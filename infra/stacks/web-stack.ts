import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { AppUrlSource, TelevisitConfig } from '../config';
import { houseLogGroup } from '../constructs/log-settings';
import { ManagedPolicyRole } from '../constructs/managed-policy-role';
import type { ApiStack } from './api-stack';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';
import type { RealtimeStack } from './realtime-stack';
import { acknowledgeDeploymentFindings, webAppSource } from './web-app-source';
import { behaviors } from './web-edge';

export interface WebStackProps extends StackProps {
  data: DataStack;
  auth: AuthStack;
  api: ApiStack;
  realtime: RealtimeStack;
  config: TelevisitConfig;
  /** Where the API functions look for the app's address; a parameter is written here. */
  appUrl: AppUrlSource;
  /** The web ACL CloudFront checks every request against (the edge stack's, or the clinic's). */
  webAclArn: string;
}

/**
 * What the browser loads: the Svelte app from a private S3 bucket through CloudFront (Origin
 * Access Control), `/api/*` forwarded to the HTTP API on the same origin (no CORS, and the
 * app's relative `/api` URL works the same locally), and `config.json` with the public
 * settings the app needs to find Cognito and the WebSocket API.
 */
export class WebStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`, only when the clinic has no domain of its own. */
  readonly appUrlParameter?: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logBucket = this.createLogBucket(config.logRetentionDays);
    const webBucket = this.createWebBucket(logBucket);
    const apiOrigin = new origins.HttpOrigin(
      `${props.api.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      },
    );
    const domain = config.customDomain;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Televisit web app and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America and Europe edges: where a clinic's patients are, at the lowest price.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: acm.Certificate.fromCertificateArn(
              this,
              'Certificate',
              domain.certificateArn,
            ),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...behaviors(this, origins.S3BucketOrigin.withOriginAccessControl(webBucket), apiOrigin, {
        webSocket: props.realtime.stage.url,
        cognito: `https://cognito-idp.${this.region}.amazonaws.com`,
      }),
    });
    this.acknowledgeDistributionFindings(config);
    this.deploy(webBucket, props);
    if (props.appUrl.kind === 'parameter') {
      this.appUrlParameter = new ssm.StringParameter(this, 'AppUrl', {
        parameterName: props.appUrl.parameterName,
        stringValue: `https://${this.distribution.distributionDomainName}`,
        description: 'The Televisit web app address, for links in emails and SMS',
      });
    }
  }

  /** The app's files: private, reachable only through CloudFront's Origin Access Control. */
  private createWebBucket(logBucket: s3.IBucket): s3.Bucket {
    const bucket = new s3.Bucket(this, 'WebBucket', {
      ...privateBucketDefaults,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      // Versions let a bad deploy be rolled back by hand; old ones go after 30 days.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    Validations.of(bucket).acknowledge(
      {
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        reason:
          'Holds only the public web app (the same files every visitor downloads), no PHI; SSE-S3 encrypts it at rest without a KMS call on every CloudFront miss.',
      },
      {
        id: 'HIPAA.Security-S3BucketReplicationEnabled',
        reason:
          'Its content is rebuilt from the repository by every deploy; a copy in a second region would add nothing.',
      },
    );
    return bucket;
  }

  /** Server access logs of the web bucket and CloudFront's standard logs, kept for review. */
  private createLogBucket(retentionDays: number): s3.Bucket {
    const bucket = new s3.Bucket(this, 'LogBucket', {
      ...privateBucketDefaults,
      // CloudFront standard logging delivers through a bucket ACL.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        {
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    // No S1 / S3BucketLoggingEnabled finding: cdk-nag recognizes this as a log destination.
    const reasons: Record<string, string> = {
      'HIPAA.Security-S3DefaultEncryptionKMS':
        'S3 server access logs and CloudFront standard logs can only be delivered to SSE-S3 buckets; they are encrypted at rest with S3-managed keys.',
      'HIPAA.Security-S3BucketReplicationEnabled':
        'Access logs stay in the deployment region, versioned and retained for the configured period; cross-region disaster recovery is a clinic-level choice, not a default.',
    };
    for (const [id, reason] of Object.entries(reasons))
      Validations.of(bucket).acknowledge({ id, reason });
    return bucket;
  }

  private acknowledgeDistributionFindings(config: TelevisitConfig): void {
    const reasons: Record<string, string> = {
      'AwsSolutions-CFR1':
        "Patients, family and interpreters may join from anywhere, including abroad; the clinic's reach is not a country list.",
    };
    if (!config.customDomain) {
      reasons['AwsSolutions-CFR4'] =
        "Without the clinic's own domain CloudFront's default certificate is used, whose TLS policy cannot be raised; set televisit:domainName and televisit:certificateArn to require TLS 1.2.";
    }
    for (const [id, reason] of Object.entries(reasons)) {
      Validations.of(this.distribution).acknowledge({ id, reason });
    }
  }

  /**
   * Uploads the built app and config.json. No CloudFront invalidation is needed (and so no
   * `cloudfront:CreateInvalidation` on `*`): the app shell is revalidated on every request and
   * everything else lives under content-hashed names.
   */
  private deploy(webBucket: s3.Bucket, props: WebStackProps): void {
    const { auth, realtime, data } = props;
    const role = new ManagedPolicyRole(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the web app into its bucket at deploy time',
    });
    const logGroup = houseLogGroup(this, 'DeploymentLogs', data.logSettings);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    new s3deploy.BucketDeployment(this, 'WebApp', {
      destinationBucket: webBucket,
      sources: [
        webAppSource(),
        s3deploy.Source.jsonData('config.json', {
          region: this.region,
          userPoolId: auth.userPool.userPoolId,
          userPoolClientId: auth.webClient.userPoolClientId,
          apiUrl: '/api',
          wsUrl: realtime.stage.url,
          cognitoEndpoint: `https://cognito-idp.${this.region}.amazonaws.com/`,
          localMode: false,
          // The clinic's phone number, with a phone line: providers may call phones then.
          ...(props.config.telephony && props.config.dialInNumber
            ? { phoneNumber: props.config.dialInNumber }
            : {}),
        }),
      ],
      role,
      logGroup,
      memoryLimit: 512,
    });
    acknowledgeDeploymentFindings(this, role, webBucket);
  }
}

const privateBucketDefaults: s3.BucketProps = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
};
