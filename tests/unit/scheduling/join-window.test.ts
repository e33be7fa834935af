import { describe, expect, it } from 'vitest';
import { joinState } from '../../../functions/scheduling/join-window';

const settings = { launchWindowMinutes: 15, graceMinutes: 30 };
const video = {
  startsAt: '2026-11-23T15:00:00.000Z',
  endsAt: '2026-11-23T15:50:00.000Z',
  status: 'scheduled',
  video: true,
};
const at = (iso: string) => new Date(iso);

describe('when Join is open', () => {
  it('is closed before the launch window, with the reason', () => {
    const state = joinState(video, settings, at('2026-11-23T14:44:59.000Z'));
    expect(state).toMatchObject({
      enabled: false,
      reason: 'too-early',
      opensAt: '2026-11-23T14:45:00.000Z',
    });
    expect(state.enabled ? '' : state.message).toContain('15 minutes before the start');
  });
  it('opens exactly at the launch window and stays open until the end plus grace', () => {
    expect(joinState(video, settings, at('2026-11-23T14:45:00.000Z')).enabled).toBe(true);
    expect(joinState(video, settings, at('2026-11-23T16:19:59.000Z')).enabled).toBe(true);
    expect(joinState(video, settings, at('2026-11-23T16:20:00.000Z'))).toMatchObject({
      enabled: false,
      reason: 'ended',
    });
  });
  it('is never open for in-person, cancelled or completed appointments', () => {
    const now = at('2026-11-23T15:10:00.000Z');
    expect(joinState({ ...video, video: false }, settings, now)).toMatchObject({
      enabled: false,
      reason: 'not-video',
    });
    expect(joinState({ ...video, status: 'cancelled' }, settings, now)).toMatchObject({
      enabled: false,
      reason: 'cancelled',
    });
    expect(joinState({ ...video, status: 'completed' }, settings, now)).toMatchObject({
      enabled: false,
      reason: 'completed',
    });
  });
  it('follows the clinic settings', () => {
    expect(
      joinState(video, { launchWindowMinutes: 0, graceMinutes: 0 }, at('2026-11-23T14:59:00.000Z'))
        .enabled,
    ).toBe(false);
    expect(
      joinState(video, { launchWindowMinutes: 60, graceMinutes: 0 }, at('2026-11-23T14:01:00.000Z'))
        .enabled,
    ).toBe(true);
  });
});
