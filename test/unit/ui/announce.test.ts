import { describe, expect, it } from 'vitest';
import { announce, announcement, matchesSaid } from '../../../src/ui/announce';

describe('the panel’s live region', () => {
  it('says how many rows a search left, in the words of the list it filters', () => {
    expect(matchesSaid('interactions', 0, 0)).toBe('No events match the search and filters');
    expect(matchesSaid('interactions', 1, 0)).toBe('1 event or request matches');
    expect(matchesSaid('interactions', 12, 0)).toBe('12 events and requests match');
    expect(matchesSaid('frames', 40, 40)).toBe('All 40 rows shown');
    expect(matchesSaid('frames', 3, 40)).toBe('3 of 40 rows shown');
  });

  it('says the same words again when they are said twice running (a live region speaks only what changed)', () => {
    announce('Cleared the capture of this tab');
    expect(announcement.value).toBe('Cleared the capture of this tab');
    announce('Cleared the capture of this tab');
    expect(announcement.value).toBe('Cleared the capture of this tab\u00a0');
    announce('Cleared the capture of this tab');
    expect(announcement.value).toBe('Cleared the capture of this tab');
    announce('Paused: the view is frozen, capture goes on');
    expect(announcement.value).toBe('Paused: the view is frozen, capture goes on');
  });
});
