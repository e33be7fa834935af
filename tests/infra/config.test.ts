import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dialInNumber, loadConfig } from '../../infra/config';

afterEach(() => vi.unstubAllEnvs());

const withContext = (value: string) =>
  loadConfig(new App({ context: { 'televisit:dialInNumber': value } }));

describe('televisit:dialInNumber', () => {
  it('is unset by default: invitations then offer no dial-in', () => {
    expect(loadConfig(new App()).dialInNumber).toBeUndefined();
  });

  it('is read from the context, or from TELEVISIT_DIAL_IN_NUMBER', () => {
    expect(withContext('+12025550143').dialInNumber).toBe('+12025550143');
    vi.stubEnv('TELEVISIT_DIAL_IN_NUMBER', '+442079460958');
    expect(loadConfig(new App()).dialInNumber).toBe('+442079460958');
  });

  it('must be a real number written in E.164, exactly as messages will show it', () => {
    for (const bad of [
      '2025550143',
      '+1 202 555 0143',
      '+1-202-555-0143',
      '(202) 555-0143',
      '+10000000000',
      '+4420794609580',
      '+0123456789',
      'tel:+12025550143',
    ]) {
      expect(() => withContext(bad), bad).toThrow(/televisit:dialInNumber must be a valid phone/);
    }
    expect(dialInNumber('+12025550143')).toBe('+12025550143');
  });
});

const withSetting = (key: string, value: string) =>
  loadConfig(new App({ context: { [`televisit:${key}`]: value } }));

describe('the first owner and the clinic it comes with', () => {
  it('has no owner email by default (synth works, with a warning) and defaults for the rest', () => {
    const config = loadConfig(new App());
    expect(config.ownerEmail).toBeUndefined();
    expect(config.ownerName).toBe('Clinic owner');
    expect(config.clinicName).toBe('Clinic');
    expect(config.timeZone).toBe('America/New_York');
  });

  it('reads each from the context, or from TELEVISIT_<NAME>', () => {
    expect(withSetting('ownerEmail', 'owner@clinic.example').ownerEmail).toBe(
      'owner@clinic.example',
    );
    expect(withSetting('ownerName', 'Olivia Owens').ownerName).toBe('Olivia Owens');
    expect(withSetting('clinicName', 'Riverside Counseling').clinicName).toBe(
      'Riverside Counseling',
    );
    expect(withSetting('timeZone', 'America/Chicago').timeZone).toBe('America/Chicago');
    vi.stubEnv('TELEVISIT_OWNER_EMAIL', 'boss@clinic.example');
    vi.stubEnv('TELEVISIT_OWNER_NAME', 'Bo Ss');
    vi.stubEnv('TELEVISIT_CLINIC_NAME', 'Lakeside');
    vi.stubEnv('TELEVISIT_TIME_ZONE', 'Europe/London');
    expect(loadConfig(new App())).toMatchObject({
      ownerEmail: 'boss@clinic.example',
      ownerName: 'Bo Ss',
      clinicName: 'Lakeside',
      timeZone: 'Europe/London',
    });
  });

  it('writes the owner email in lower case, as the app stores addresses', () => {
    expect(withSetting('ownerEmail', ' Olivia.Owens@Clinic.Example ').ownerEmail).toBe(
      'olivia.owens@clinic.example',
    );
  });

  it('refuses what the app would refuse', () => {
    for (const bad of ['clinic.example', 'Olivia <owner@clinic.example>', 'a@b'])
      expect(() => withSetting('ownerEmail', bad), bad).toThrow(
        /televisit:ownerEmail must be an email address/,
      );
    expect(() => withSetting('timeZone', 'EST5EDT/Nowhere')).toThrow(
      /televisit:timeZone must be an IANA time zone/,
    );
    expect(() => withSetting('ownerName', 'x'.repeat(101))).toThrow(/televisit:ownerName/);
    expect(() => withSetting('clinicName', 'x'.repeat(121))).toThrow(/televisit:clinicName/);
  });
});
