import { describe, expect, it } from 'vitest';
import { londonDay, londonTime } from '../../src/text/london-clock.ts';

/** Expected values are read off a UK calendar and clock, not produced by the code. */
describe('the UK clock', () => {
  it('names the day in the UK, across midnight in summer (BST) and in winter (GMT)', () => {
    expect(londonDay(new Date('2026-06-14T23:30:00Z'))).toBe('15 June 2026'); // 00:30 BST
    expect(londonDay(new Date('2026-12-14T23:30:00Z'))).toBe('14 December 2026'); // 23:30 GMT
    expect(londonDay(new Date('1944-06-14T12:00:00Z'))).toBe('14 June 1944');
  });

  it('tells the time on a UK clock, in 24 hours', () => {
    expect(londonTime(new Date('2026-06-14T08:05:00Z'))).toBe('09:05');
    expect(londonTime(new Date('2026-12-14T18:45:00Z'))).toBe('18:45');
  });
});
