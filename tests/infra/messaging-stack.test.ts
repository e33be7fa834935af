import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, mailDomain, placeholderMailFrom } from '../../infra/config';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const messaging = stacks.messaging;
const template = templateOf(messaging);
const only = (type: string) => {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0]?.Properties;
};

afterEach(() => vi.unstubAllEnvs());

describe('messaging stack', () => {
  it('requires TLS for every message of its configuration set, and keeps reputation metrics', () => {
    expect(only('AWS::SES::ConfigurationSet')).toMatchObject({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });

  it("verifies the sender's domain, signs with DKIM, and applies the configuration set by default", () => {
    expect(only('AWS::SES::EmailIdentity')).toEqual({
      EmailIdentity: 'example.com',
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: logicalId(messaging, messaging.configurationSet) },
      },
    });
  });

  it('outputs the three DKIM records the clinic publishes in its DNS', () => {
    const outputs = Object.keys(template.findOutputs('*')).filter((k) => k.startsWith('Dkim'));
    expect(outputs.sort()).toEqual(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']);
  });

  it("uses the clinic's address from televisit:mailFrom, and its domain as the identity", () => {
    const custom = buildTestApp({ mailFrom: 'visits@Clinic.Example.org' }).stacks;
    expect(custom.messaging.mail.from).toBe('visits@Clinic.Example.org');
    templateOf(custom.messaging).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'clinic.example.org',
    });
  });
});

describe('televisit:mailFrom', () => {
  it('defaults to a placeholder that synthesizes offline', () => {
    expect(loadConfig(new App()).mailFrom).toBe(placeholderMailFrom);
  });

  it('is read from TELEVISIT_MAIL_FROM too', () => {
    vi.stubEnv('TELEVISIT_MAIL_FROM', 'no-reply@clinic.example');
    expect(loadConfig(new App()).mailFrom).toBe('no-reply@clinic.example');
  });

  it('must be a bare email address', () => {
    for (const bad of ['clinic.example', 'Clinic <no-reply@clinic.example>', 'a@b', 'a@@b.com']) {
      expect(() => loadConfig(new App({ context: { 'televisit:mailFrom': bad } }))).toThrow(
        /televisit:mailFrom must be an email address/,
      );
    }
    expect(mailDomain('Front.Desk+visits@Mail.Clinic.example')).toBe('mail.clinic.example');
  });
});
