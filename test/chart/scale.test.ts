import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../../src/domain/chart/format.ts';
import { band, linear, niceStep, niceTicks, timeTicks, yTicks } from '../../src/domain/chart/scale.ts';

const utc = (y: number, m: number, d = 1) => Date.UTC(y, m - 1, d);

describe('scales', () => {
  it('map a domain onto pixels in a straight line, flipped for y', () => {
    const y = linear([0, 40], [360, 16]);
    expect([y(0), y(10), y(40)]).toEqual([360, 274, 16]);
  });

  it('step in 1, 2 and 5 times powers of ten', () => {
    expect([niceStep(40, 5), niceStep(1000, 5), niceStep(0.7, 5), niceStep(37_000, 5)]).toEqual([10, 200, 0.2, 10_000]);
  });

  it('widen the domain to whole steps, without floating-point noise in the ticks', () => {
    expect(niceTicks(3, 97)).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceTicks(0.1, 0.7).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(-12, 7).ticks).toEqual([-15, -10, -5, 0, 5, 10]);
  });

  it('start bars and areas at zero, and give a single value some room', () => {
    expect(yTicks([33_000, 37_500], true).domain).toEqual([0, 40_000]);
    expect(yTicks([33_000, 37_500], false).domain).toEqual([33_000, 38_000]);
    expect(yTicks([5, 5], false).domain[0]).toBeLessThan(5);
  });

  it('put time ticks on calendar boundaries: months, years, every five years', () => {
    const months = timeTicks(utc(2015, 1, 15), utc(2015, 6, 20));
    expect(months.unit).toBe('month');
    expect(months.ticks).toEqual([utc(2015, 2), utc(2015, 3), utc(2015, 4), utc(2015, 5), utc(2015, 6)]);
    const years = timeTicks(utc(2015, 1), utc(2017, 12, 31));
    expect(years.ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2015-01-01', '2016-01-01', '2017-01-01']);
    const decades = timeTicks(utc(1990, 1), utc(2020, 1));
    expect(decades.unit).toBe('year');
    expect(decades.ticks.map((t) => new Date(t).getUTCFullYear())).toEqual([1990, 1995, 2000, 2005, 2010, 2015, 2020]);
  });

  it('share a band evenly between categories', () => {
    const b = band(['a', 'b', 'c', 'd'], [0, 400]);
    expect(b.step).toBe(100);
    expect(b.width).toBe(80);
    expect([b.at('a'), b.at('d')]).toEqual([10, 310]);
  });
});

describe('formats', () => {
  it('write numbers and dates for English readers', () => {
    expect(formatNumber(58528.16129)).toBe('58,528.16');
    expect(formatNumber(20347822)).toBe('20,347,822');
    expect(formatNumber(0.00123)).toBe('0.00123');
    expect(formatDate(utc(2016, 3, 5), 'month')).toBe('Mar 2016');
    expect(formatDate(utc(2016, 3, 5), 'day')).toBe('Mar 5, 2016');
    expect(formatDate(utc(2016, 3, 5), 'year')).toBe('2016');
  });
});
