import { DateTime } from 'luxon';
import { api, type CalendarEntry } from '../api.ts';

/** The calendar's filters; null means "any". */
export interface CalendarFilters {
  channelId: string | null;
  state: string | null;
  authorId: string | null;
  campaignId: string | null;
}

/** An instant window [from, to) as ISO strings in UTC (what FullCalendar's datesSet reports). */
export interface CalendarRange {
  from: string;
  to: string;
}

export const NO_FILTERS: CalendarFilters = { channelId: null, state: null, authorId: null, campaignId: null };

/**
 * The first day of the week FullCalendar should use (0 = Sunday, 1 = Monday) for a language tag:
 * the locale's own convention where the browser knows it (Intl week info), Monday for Spanish.
 */
export function firstDayOfWeek(languageTag: string): number {
  try {
    const locale = new Intl.Locale(languageTag) as Intl.Locale & { weekInfo?: { firstDay: number }; getWeekInfo?: () => { firstDay: number } };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    // Intl counts 1 = Monday … 7 = Sunday; a bare language ("en") maps to its most common region.
    if (info && languageTag.includes('-')) return info.firstDay % 7;
  } catch {
    // An unknown tag falls through to the language default below.
  }
  return languageTag.toLowerCase().startsWith('en') ? 0 : 1;
}

/** The month grid FullCalendar shows for `day` (six whole weeks from the week holding the 1st), in `zone`. */
export function monthGridRange(day: DateTime, zone: string, firstDay: number): CalendarRange {
  const monthStart = day.setZone(zone).startOf('month');
  // luxon weekdays run 1 = Monday … 7 = Sunday; FullCalendar's firstDay 0 = Sunday.
  const back = (monthStart.weekday % 7 - firstDay + 7) % 7;
  const start = monthStart.minus({ days: back });
  const end = start.plus({ weeks: 6 });
  return { from: new Date(start.toMillis()).toISOString(), to: new Date(end.toMillis()).toISOString() };
}

/** The API path of a window's calendar entries with the given filters. */
export function calendarEntriesPath(workspaceId: string, range: CalendarRange, filters: CalendarFilters): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/workspaces/${workspaceId}/calendar/entries?${params}`;
}

const prefetched = new Map<string, Promise<CalendarEntry[]>>();
const prefetchedData = new Map<string, CalendarEntry[]>();

/** The start-up prefetch's result when it has already arrived (taken once), so the first render can show the posts. */
export function takePrefetchedEntries(path: string): CalendarEntry[] | undefined {
  const data = prefetchedData.get(path);
  if (data) {
    prefetchedData.delete(path);
    prefetched.delete(path);
  }
  return data;
}

/** Loads a window's entries, reusing the start-up prefetch of the same request once. */
export function loadCalendarEntries(path: string): Promise<CalendarEntry[]> {
  const early = prefetched.get(path);
  if (early) {
    prefetched.delete(path);
    return early.catch(() => fetchEntries(path));
  }
  return fetchEntries(path);
}

async function fetchEntries(path: string): Promise<CalendarEntry[]> {
  return (await api<{ items: CalendarEntry[] }>('GET', path)).items;
}

const SETTINGS_KEY = 'plaza.calendar';

interface RememberedCalendar {
  workspaceId: string;
  zone: string;
  firstDay: number;
}

/** Remembers the workspace's zone and week start so the next visit can fetch the month before the session check returns. */
export function rememberCalendarSettings(settings: RememberedCalendar): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/**
 * Starts fetching the current month's entries at boot, in parallel with the session check and the
 * calendar's code, when the page is the month calendar of the workspace seen last time. A wrong
 * guess costs one unused request; the calendar then fetches as usual.
 */
export function prefetchCalendarEntries(): void {
  if (window.innerWidth < 600) return; // phones open the list view
  try {
    const remembered = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as RememberedCalendar | null;
    if (!remembered || remembered.workspaceId !== localStorage.getItem('plaza.workspace')) return;
    const range = monthGridRange(DateTime.now(), remembered.zone, remembered.firstDay);
    const path = calendarEntriesPath(remembered.workspaceId, range, NO_FILTERS);
    const request = fetchEntries(path);
    request.then((items) => prefetchedData.set(path, items)).catch(() => undefined); // signed out or stale: the page's own fetch reports errors
    prefetched.set(path, request);
  } catch {
    // Corrupt storage: no prefetch.
  }
}
