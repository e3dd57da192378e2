import { monthBounds, monthGridWindow } from './month-grid.ts';
import { api } from '../../api/client.ts';
import type { CalendarEntry } from './types.ts';

/** The calendar's filters; null means "any". */
export interface CalendarFilters {
  channelId: string | null;
  state: string | null;
  authorId: string | null;
  campaignId: string | null;
}

/** An instant window [from, to) as ISO strings in UTC (the calendar grid's days). */
export interface CalendarRange {
  from: string;
  to: string;
}

export const NO_FILTERS: CalendarFilters = { channelId: null, state: null, authorId: null, campaignId: null };

/**
 * The first day of the calendar's weeks (0 = Sunday, 1 = Monday) for a language tag:
 * the locale's own convention where the browser knows it (Intl week info), Monday for Spanish.
 */
export function firstDayOfWeek(languageTag: string): number {
  let day = firstDays.get(languageTag);
  if (day === undefined) {
    day = weekStartOf(languageTag);
    firstDays.set(languageTag, day);
  }
  return day;
}

/** firstDayOfWeek's answers by language tag: Intl.Locale is slow to build, and the calendar asks on every render. */
const firstDays = new Map<string, number>();

function weekStartOf(languageTag: string): number {
  try {
    const locale = new Intl.Locale(languageTag) as Intl.Locale & {
      weekInfo?: { firstDay: number };
      getWeekInfo?: () => { firstDay: number };
    };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    // Intl counts 1 = Monday … 7 = Sunday; a bare language ("en") maps to its most common region.
    if (info && languageTag.includes('-')) return info.firstDay % 7;
  } catch {
    // An unknown tag falls through to the language default below.
  }
  return languageTag.toLowerCase().startsWith('en') ? 0 : 1;
}

/** The month grid the calendar shows for the month holding `now` (six whole weeks from the week holding the 1st), in `zone`. */
export function monthGridRange(now: Date, zone: string, firstDay: number): CalendarRange {
  return monthGridWindow(now, zone, firstDay);
}

/** The API path of a window's calendar entries with the given filters. */
export function calendarEntriesPath(workspaceId: string, range: CalendarRange, filters: CalendarFilters): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/workspaces/${workspaceId}/calendar/entries?${params}`;
}

const prefetched = new Map<string, Promise<unknown>>();
const prefetchedData = new Map<string, unknown>();

/** Starts a GET at boot and keeps its promise and, once arrived, its result for the first component that asks. */
function prefetchJson(path: string): void {
  const request = api<unknown>('GET', path);
  prefetched.set(path, request);
  // Signed out or stale: unused; the page's own request reports errors.
  request.then((data) => prefetchedData.set(path, data)).catch(() => prefetched.delete(path));
}

/**
 * Resolves once every boot-time prefetch has answered (or failed), or after `capMs`, whichever is
 * first: main.tsx waits for it so that, when the month arrives in time, the first render draws the
 * frame and the posts in one pass instead of an empty grid first and the posts a render later.
 */
export function prefetchesSettled(capMs: number): Promise<void> {
  const pending = [...prefetched.values()].map((request) =>
    request.then(
      () => undefined,
      () => undefined,
    ),
  );
  if (pending.length === 0) return Promise.resolve();
  return Promise.race([Promise.all(pending).then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
}

/** A boot-time prefetch's result if it has already arrived (taken once), so the first render can use it. */
export function takePrefetched<T>(path: string): T | undefined {
  if (!prefetchedData.has(path)) return undefined;
  const data = prefetchedData.get(path) as T;
  prefetchedData.delete(path);
  prefetched.delete(path);
  return data;
}

/** The calendar entries prefetched at boot for `path`, if they already arrived. */
export function takePrefetchedEntries(path: string): CalendarEntry[] | undefined {
  return takePrefetched<{ items: CalendarEntry[] }>(path)?.items;
}

/**
 * The boot-time prefetch of `path` while it is still on its way (taken once), else `load()`: a page
 * rendered before the answer arrived waits for that request instead of asking a second time.
 */
export function reusePrefetched<T>(path: string, load: () => Promise<T>): Promise<T> {
  const early = prefetched.get(path) as Promise<T> | undefined;
  if (!early) return load();
  prefetched.delete(path);
  prefetchedData.delete(path);
  return early.catch(() => load());
}

/** Loads a window's entries, reusing the start-up prefetch of the same request once. */
export async function loadCalendarEntries(path: string): Promise<CalendarEntry[]> {
  return (await reusePrefetched(path, () => api<{ items: CalendarEntry[] }>('GET', path))).items;
}

/** The path of a workspace's channel list (shared with useChannels' prefetch). */
export function channelsPath(workspaceId: string): string {
  return `/workspaces/${workspaceId}/channels`;
}

const SETTINGS_KEY = 'plaza.calendar';

interface RememberedCalendar {
  workspaceId: string;
  zone: string;
  firstDay: number;
}

function rememberedCalendars(): Record<string, RememberedCalendar> {
  try {
    const stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as unknown;
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, RememberedCalendar>) : {};
  } catch {
    return {};
  }
}

/** What index.html's boot script fetches on the next visit to a workspace's calendar (web/index.html reads it). */
const BOOT_KEY = 'plaza.calendar.boot';
/** Workspaces whose month the boot script can fetch: the most recently seen ones. */
const BOOT_WORKSPACES = 20;

interface BootRequests {
  from: number;
  until: number;
  paths: string[];
}

function bootRequests(): Record<string, BootRequests> {
  try {
    const stored = JSON.parse(localStorage.getItem(BOOT_KEY) ?? '{}') as unknown;
    // An older build stored one workspace's requests, with its id inside: start afresh.
    return stored && typeof stored === 'object' && !Array.isArray(stored) && !('paths' in stored)
      ? (stored as Record<string, BootRequests>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Tells index.html's boot script which requests the month calendar of this workspace starts with
 * (its posts and channels), and for which instants that holds: this month in the brand's zone. Kept
 * per workspace, so that switching between brands still finds each one's month fetched at boot.
 */
function rememberBootRequests(settings: RememberedCalendar): void {
  if (window.innerWidth < 600) return; // phones open the list view; the boot script asks nothing then
  const now = new Date();
  const month = monthBounds(now, settings.zone);
  const entry: BootRequests = {
    from: month.start,
    until: month.end,
    paths: [
      calendarEntriesPath(settings.workspaceId, monthGridRange(now, settings.zone, settings.firstDay), NO_FILTERS),
      channelsPath(settings.workspaceId),
    ],
  };
  const all = bootRequests();
  if (JSON.stringify(all[settings.workspaceId]) === JSON.stringify(entry)) return;
  // The one just seen goes last; the oldest beyond the limit are forgotten.
  delete all[settings.workspaceId];
  const kept = Object.entries(all).slice(-(BOOT_WORKSPACES - 1));
  localStorage.setItem(BOOT_KEY, JSON.stringify(Object.fromEntries([...kept, [settings.workspaceId, entry]])));
}

/** Remembers each workspace's zone and week start so the next visit can fetch the month before the session check returns. */
export function rememberCalendarSettings(settings: RememberedCalendar): void {
  rememberBootRequests(settings);
  const all = rememberedCalendars();
  const known = all[settings.workspaceId];
  if (known && known.zone === settings.zone && known.firstDay === settings.firstDay) return;
  all[settings.workspaceId] = settings;
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(all));
}

/**
 * Starts fetching the current month's entries at boot, in parallel with the session check and the
 * calendar's code, when the page is the month calendar of the workspace seen last time. A wrong
 * guess costs one unused request; the calendar then fetches as usual.
 */
export function prefetchCalendarEntries(): void {
  if (window.innerWidth < 600) return; // phones open the list view
  try {
    const workspaceId = localStorage.getItem('plaza.workspace');
    const remembered = workspaceId ? rememberedCalendars()[workspaceId] : undefined;
    if (!remembered) return;
    const range = monthGridRange(new Date(), remembered.zone, remembered.firstDay);
    prefetchJson(calendarEntriesPath(remembered.workspaceId, range, NO_FILTERS));
    // Channels colour and name the posts: without them the grid would render twice.
    prefetchJson(channelsPath(remembered.workspaceId));
  } catch {
    // Corrupt storage: no prefetch.
  }
}
