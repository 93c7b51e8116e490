import { describe, expect, it } from 'vitest';
import { kpiPeriod } from './kpi-period.ts';

describe('kpiPeriod', () => {
  it('names periods relative to the report’s date, across year ends', () => {
    const on = (today: string, period: Parameters<typeof kpiPeriod>[0]['period']) =>
      kpiPeriod({ period }, today);
    expect(on('2026-12-18', undefined)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(on('2027-01-01', 'previous_month')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(on('2026-03-15', 'previous_month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(on('2026-12-18', 'month_to_date')).toEqual({ from: '2026-12-01', to: '2026-12-18' });
    expect(on('2026-12-18', 'previous_quarter')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(on('2027-02-10', 'previous_quarter')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(on('2026-12-18', 'quarter_to_date')).toEqual({ from: '2026-10-01', to: '2026-12-18' });
    expect(on('2026-12-18', 'year_to_date')).toEqual({ from: '2026-01-01', to: '2026-12-18' });
  });

  it('takes from and to as given, both or neither', () => {
    expect(kpiPeriod({ from: '2026-01-01', to: '2026-03-31', period: 'year_to_date' }, '2026-12-18')).toEqual(
      {
        from: '2026-01-01',
        to: '2026-03-31',
      },
    );
    expect(() => kpiPeriod({ from: '2026-01-01' }, '2026-12-18')).toThrow('to: give to with from');
  });
});
