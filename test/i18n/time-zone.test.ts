import { describe, expect, it } from 'vitest';
import { formatInstant, instantToLocal, isTimeZone, localToInstant, zoneName } from '../../src/domain/i18n/time-zone.ts';

const NY = 'America/New_York';

describe('the site time zone', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads a typed date and time in the zone as a UTC instant, summer and winter', () => {
    expect(localToInstant('2026-10-17T10:00', NY)).toBe('2026-10-17T14:00:00.000Z');
    expect(localToInstant('2026-12-27T18:30', NY)).toBe('2026-12-27T23:30:00.000Z');
    expect(localToInstant('2026-10-17T10:00', 'UTC')).toBe('2026-10-17T10:00:00.000Z');
    expect(localToInstant('2026-02-30T10:00', NY)).toBeUndefined();
    expect(localToInstant('tomorrow', NY)).toBeUndefined();
  });

  it('is right on both sides of the spring change', () => {
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
    expect(localToInstant('2026-03-08T01:59', NY)).toBe('2026-03-08T06:59:00.000Z');
    expect(localToInstant('2026-03-08T03:00', NY)).toBe('2026-03-08T07:00:00.000Z');
    // 02:30 never happens: read with the offset before the change, which is 03:30 EDT.
    expect(localToInstant('2026-03-08T02:30', NY)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('is right on both sides of the autumn change', () => {
    // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST; 01:30 happens twice, the first is taken.
    expect(localToInstant('2026-11-01T00:30', NY)).toBe('2026-11-01T04:30:00.000Z');
    expect(localToInstant('2026-11-01T01:30', NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(localToInstant('2026-11-01T02:30', NY)).toBe('2026-11-01T07:30:00.000Z');
  });

  it('gives back the typed time for a form and shows the zone by name', () => {
    expect(instantToLocal('2026-10-17T14:00:00.000Z', NY)).toBe('2026-10-17T10:00');
    expect(instantToLocal('2026-11-01T06:30:00.000Z', NY)).toBe('2026-11-01T01:30');
    expect(zoneName('2026-10-17T14:00:00.000Z', NY, 'en')).toBe('EDT');
    expect(zoneName('2026-12-17T14:00:00.000Z', NY, 'en')).toBe('EST');
    expect(formatInstant('2026-10-17T14:00:00.000Z', NY, 'en')).toMatch(/Oct 17, 2026.*10:00\sAM EDT$/);
    expect(formatInstant('2026-10-17T14:00:00.000Z', NY, 'es')).toMatch(/17 oct 2026.*10:00/);
    expect(formatInstant('2026-10-17T14:00:00.000Z', 'UTC', 'en')).toMatch(/2:00\sPM UTC$/);
  });
});
