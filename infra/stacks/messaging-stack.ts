import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { mailDomain, placeholderMailFrom } from '../config';

export interface MessagingStackProps extends StackProps {
  /** The sender address (televisit:mailFrom); its domain becomes the SES identity. */
  mailFrom: string;
}

/** What a function that sends email needs to know, and may be granted. */
export interface MailSender {
  from: string;
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
}

/**
 * How Televisit reaches people outside the app: email through SES from the clinic's own domain.
 * SMS (SNS) joins this stack with the invitations function.
 *
 * The domain identity signs every message with Easy DKIM; SES verifies the domain once the
 * clinic has published the three CNAME records this stack outputs. A new SES account is in the
 * sandbox (it sends only to verified addresses) until the clinic asks AWS for production access.
 */
export class MessagingStack extends Stack {
  readonly mail: MailSender;
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    this.configurationSet = new ses.ConfigurationSet(this, 'MailConfiguration', {
      // Invitations carry join links: SES must refuse to deliver over an unencrypted hop
      // (HIPAA transmission security) rather than fall back to plain SMTP.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const domain = mailDomain(props.mailFrom);
    if (props.mailFrom === placeholderMailFrom) {
      Annotations.of(this).addWarningV2(
        'televisit:mailFrom',
        `Email is sent from the placeholder ${placeholderMailFrom}, which can never be verified: set televisit:mailFrom (or TELEVISIT_MAIL_FROM) to an address on the clinic's domain before deploying.`,
      );
    }
    this.emailIdentity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(domain),
      // The default configuration set of the identity: every message from the domain gets the
      // TLS requirement, whether or not the sender names the set.
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    this.mail = {
      from: props.mailFrom,
      identityArn: this.emailIdentity.emailIdentityArn,
      configurationSetName: this.configurationSet.configurationSetName,
      configurationSetArn: this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    };
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME record ${i + 1} of 3 to publish in the DNS of ${domain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}
