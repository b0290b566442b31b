// host.json hubName as an app-setting reference ("%TaskHubName%"), resolved from the environment as the
// Durable extension resolves it; unset, the local host falls back to its default hub name and warns.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HUB_NAME, durableConfig } from '../../src/durable/index.js';

afterEach(() => vi.restoreAllMocks());

describe('hubName', () => {
  it('resolves %Setting% references from the app settings', () => {
    expect(durableConfig({ hubName: '%TaskHubName%' }, { TaskHubName: 'ContosoStaging' }).hubName).toBe('ContosoStaging');
    expect(durableConfig({ hubName: 'Shop%Slot%' }, { Slot: 'Blue' }).hubName).toBe('ShopBlue');
    expect(durableConfig({ hubName: 'PlainName' }, {}).hubName).toBe('PlainName');
  });

  it('falls back to the default hub name, with a warning naming the setting, when the setting is unset or empty', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(durableConfig({ hubName: '%TaskHubName%' }, {}).hubName).toBe(DEFAULT_HUB_NAME);
    expect(durableConfig({ hubName: '%TaskHubName%' }, { TaskHubName: '' }).hubName).toBe(DEFAULT_HUB_NAME);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]![0])).toContain('TaskHubName');
  });

  it('validates the resolved name', () => {
    expect(() => durableConfig({ hubName: '%TaskHubName%' }, { TaskHubName: 'not-valid!' })).toThrow(/hubName must be 3-50 letters\/digits.*not-valid!/);
  });
});
