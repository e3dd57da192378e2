import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Title, CopyButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { POST_STATES } from '../posts/types.ts';
import type { CalendarEntry } from './types.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { useCampaigns } from '../strategy/api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useChannels } from '../channels/api.ts';
import { useMembers } from '../workspaces/api.ts';
import { channelColor } from '../../shared/format-plain.ts';
import { STATE_LOOK, useStateLabel } from '../posts/list/status.tsx';
import { PublicUrlWarning, type UrlWarning } from '../../shared/PublicUrlWarning.tsx';
import {
  calendarEntriesPath,
  firstDayOfWeek,
  loadCalendarEntries,
  takePrefetchedEntries,
  NO_FILTERS,
  rememberCalendarSettings,
  type CalendarFilters,
  type CalendarRange,
} from './CalendarData.ts';
import { CalendarGrid, type CalendarGridActions, type CalendarView, type PostChip, type QueueSlotMark } from './CalendarGrid.tsx';
import { UndatedDrafts } from './UndatedDrafts.tsx';
import { useQueues } from '../queues/api.ts';
import { CalendarToolbar } from './CalendarToolbar.tsx';
import {
  type CivilDate,
  type GridDay,
  addDays,
  addMonths,
  dateKey,
  monthDays,
  monthWindow,
  movedInstant,
  todayIn,
  weekDays,
} from './calendar-dates.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { calendarKeys } from './api.ts';
import './calendar.css';

const NO_ENTRIES: CalendarEntry[] = [];
// The batch bar brings the date picker with it: loaded only once someone selects posts.
const BatchBar = lazy(() => import('../posts/batch/BatchBar.tsx'));
const CalendarPostModal = lazy(() => import('./CalendarPostModal.tsx'));
const DRAGGABLE = new Set(['draft', 'approved', 'scheduled', 'failed']);
const draggable = (entry: CalendarEntry) => DRAGGABLE.has(entry.state);

interface Undo {
  postId: string;
  previous: string;
  label: string;
}

/** The calendar: month, week and list views in the brand's zone, filters, drag to reschedule with undo, iCal feed. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const zone = workspace.timeZone;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  // Monday first in Spanish, and wherever the brand's own locale expects it.
  const firstDay = lang === 'es' ? 1 : firstDayOfWeek(workspace.language);
  // Phones open the month as a list; wider screens the month grid.
  const [view, setView] = useState<CalendarView>(() => (window.innerWidth < 600 ? 'list' : 'month'));
  const [anchor, setAnchor] = useState<CivilDate>(() => todayIn(zone));
  // One object per day, so the grid (memo) does not re-render for every change of the page around it.
  const todayKey = dateKey(todayIn(zone));
  const today = useMemo<CivilDate>(() => {
    const [year, month, day] = todayKey.split('-').map(Number);
    return { year, month, day };
  }, [todayKey]);
  const days = useMemo<GridDay[]>(
    () => (view === 'week' ? weekDays(anchor, zone, firstDay) : monthDays(anchor, zone, firstDay)),
    [view, anchor, zone, firstDay],
  );
  // The month and list views ask for the month grid's window (the one the boot-time prefetch asked for).
  const range = useMemo<CalendarRange>(
    () =>
      view === 'week'
        ? { from: new Date(days[0].start).toISOString(), to: new Date(days[days.length - 1].end).toISOString() }
        : monthWindow(anchor, zone, firstDay),
    [view, days, anchor, zone, firstDay],
  );
  const [filters, setFilters] = useState<CalendarFilters>(NO_FILTERS);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [feedWarning, setFeedWarning] = useState<UrlWarning | null>(null);
  const { can } = useSession();
  const [opened, setOpened] = useState<CalendarEntry | null>(null);
  // Selecting posts for a batch operation: ids in the order picked, with their texts for error lines.
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [batchShown, setBatchShown] = useState(false);
  const selectedSet = useMemo(() => new Set(picked.keys()), [picked]);
  const toggle = (postId: string, content: string) =>
    setPicked((current) => {
      const next = new Map(current);
      if (next.has(postId)) next.delete(postId);
      else next.set(postId, content);
      return next;
    });
  const freeSlotText = useCallback((queue: string, time: string) => t('calendarOps.freeSlot', { queue, time }), [t]);
  const freeSlotLabel = useCallback((queue: string, time: string) => t('calendarOps.freeSlotLabel', { queue, time }), [t]);

  useEffect(() => rememberCalendarSettings({ workspaceId: workspace.id, zone, firstDay }), [workspace.id, zone, firstDay]);

  const entriesKey = calendarKeys.range(workspace.id, range, filters);
  const entries = useQuery({
    queryKey: entriesKey,
    placeholderData: (previous) => previous,
    initialData: () => takePrefetchedEntries(calendarEntriesPath(workspace.id, range, filters)),
    queryFn: () => loadCalendarEntries(calendarEntriesPath(workspace.id, range, filters)),
  });
  // Filters' option lists are not needed to show the month: load them once it is on screen and the main thread is idle.
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!entries.isSuccess || idle) return;
    const id = window.requestIdleCallback(() => setIdle(true), { timeout: 1_500 });
    return () => window.cancelIdleCallback(id);
  }, [entries.isSuccess, idle]);
  const members = useMembers(idle);
  const campaignList = useCampaigns(idle);
  // Free queue slots are drawn on the week view only.
  const queues = useQueues(idle && view === 'week');
  const queueSlots = useMemo<QueueSlotMark[]>(
    () =>
      (queues.data ?? [])
        .filter((q) => !q.paused)
        .flatMap((q) => q.slots.map((slot) => ({ weekday: slot.weekday % 7, time: slot.time, queue: q.name }))),
    [queues.data],
  );

  // Every channel of a post is a chip in that channel's colour (names in the legend and the label).
  const chips = useMemo(
    () => new Map<string, PostChip>((channels.data ?? []).map((c, index) => [c.id, { name: c.name, color: channelColor(index) }])),
    [channels.data],
  );
  const campaignOptions = useMemo(() => (campaignList.data ?? []).map((c) => ({ value: c.id, label: c.name })), [campaignList.data]);
  const stateLabel = useStateLabel();
  const withAny = (options: Array<{ value: string; label: string }>) => [{ value: '', label: t('calendar.any') }, ...options];
  // Posts are drawn once their channels are known (both are fetched at boot, in parallel).
  const shownEntries = channels.isPending ? undefined : entries.data;
  const ready = shownEntries !== undefined && entries.isSuccess;

  const reschedule = async (postId: string, scheduledAt: string) =>
    api('POST', `/workspaces/${workspace.id}/posts/${postId}/schedule`, { scheduledAt });

  const setEntryTime = (postId: string, scheduledAt: string) =>
    queryClient.setQueryData<CalendarEntry[]>(entriesKey, (list) => list?.map((e) => (e.id === postId ? { ...e, scheduledAt } : e)));

  // Always the latest closures, behind a stable object: the grid only re-renders when its data changes.
  const actionsRef = useRef<CalendarGridActions>(null as unknown as CalendarGridActions);
  actionsRef.current = {
    open: (entry) => (selecting ? toggle(entry.id, entry.content) : setOpened(entry)),
    move: (entry, day, hour) => void move(entry, day, hour),
    dayClick: (day) => {
      if (can('post.write') && !selecting) navigate(`/compose?date=${day.key}`);
    },
    slotClick: (day, time) => {
      if (can('post.write')) navigate(`/compose?date=${day.key}T${time}`);
    },
  };
  const actions = useMemo<CalendarGridActions>(
    () => ({
      open: (entry) => actionsRef.current.open(entry),
      move: (entry, day, hour) => actionsRef.current.move(entry, day, hour),
      dayClick: (day) => actionsRef.current.dayClick?.(day),
      slotClick: (day, time) => actionsRef.current.slotClick?.(day, time),
    }),
    [],
  );

  const move = async (entry: CalendarEntry, day: GridDay, hour?: number) => {
    setError(null);
    const previous = entry.scheduledAt;
    const next = new Date(movedInstant(Date.parse(previous), day, zone, hour)).toISOString();
    if (Date.parse(next) === Date.parse(previous)) return;
    // The post moves at once; a refusal puts it back and says why.
    setEntryTime(entry.id, next);
    try {
      await reschedule(entry.id, next);
      const { formatInstant } = await import('../../shared/format.ts');
      setUndo({ postId: entry.id, previous, label: formatInstant(next, zone, lang) });
    } catch (caught) {
      setEntryTime(entry.id, previous);
      setError(caught);
    }
    await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  };

  const undoLast = async () => {
    if (!undo) return;
    try {
      await reschedule(undo.postId, undo.previous);
    } catch (caught) {
      setError(caught);
    }
    setUndo(null);
    await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  };

  const step = useCallback(
    (direction: -1 | 1) => setAnchor((current) => (view === 'week' ? addDays(current, 7 * direction) : addMonths(current, direction))),
    [view],
  );
  const moreText = useCallback((count: number) => t('calendar.more', { count }), [t]);
  const dayPostsText = useCallback((day: string) => t('calendar.dayPosts', { day }), [t]);

  const createFeed = async () => {
    const created = await apiCall('post', '/api/v1/workspaces/{workspaceId}/calendar/feed', { params: { workspaceId: workspace.id } });
    setFeedUrl(created.url);
    setFeedWarning(created.urlWarning ?? null);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('calendar.title')}</Title>
        {can('post.publish') && (
          <Button
            variant={selecting ? 'filled' : 'default'}
            size="xs"
            data-testid="calendar-select"
            onClick={() => {
              setSelecting(!selecting);
              setBatchShown(true);
              if (selecting) setPicked(new Map());
            }}
          >
            {selecting ? t('calendarOps.selecting') : t('calendarOps.select')}
          </Button>
        )}
      </Group>
      {selecting && (
        <Text size="sm" c="dimmed">
          {t('calendarOps.selectHint')}
        </Text>
      )}
      {batchShown && (
        <Suspense fallback={null}>
          <BatchBar
            selected={[...picked.keys()]}
            titleOf={(id) => (picked.get(id) ?? '').slice(0, 40) || '—'}
            onClear={() => setPicked(new Map())}
          />
        </Suspense>
      )}
      {/* Native selects with an "any" first option: four Mantine Selects (combobox, popover, floating
          position each) cost more to mount than the month's thousand posts. */}
      <Group gap="xs" align="flex-end">
        <NativeSelect
          label={t('calendar.filterChannel')}
          data={withAny((channels.data ?? []).map((c) => ({ value: c.id, label: c.name })))}
          value={filters.channelId ?? ''}
          onChange={(event) => setFilters({ ...filters, channelId: event.currentTarget.value || null })}
          w={180}
        />
        <NativeSelect
          label={t('calendar.filterStatus')}
          data={withAny(POST_STATES.map((s) => ({ value: s, label: t(`states.${s}`) })))}
          value={filters.state ?? ''}
          onChange={(event) => setFilters({ ...filters, state: event.currentTarget.value || null })}
          w={160}
        />
        <NativeSelect
          label={t('calendar.filterAuthor')}
          data={withAny((members.data ?? []).map((m) => ({ value: m.userId, label: m.name })))}
          value={filters.authorId ?? ''}
          onChange={(event) => setFilters({ ...filters, authorId: event.currentTarget.value || null })}
          w={180}
        />
        <NativeSelect
          label={t('calendar.filterCampaign')}
          data={withAny(campaignOptions)}
          value={filters.campaignId ?? ''}
          onChange={(event) => setFilters({ ...filters, campaignId: event.currentTarget.value || null })}
          w={180}
          disabled={campaignOptions.length === 0 && !filters.campaignId}
        />
      </Group>
      {/* Plain elements: eleven chips drawn on every visit are not worth eleven Mantine components. */}
      <div className="plaza-cal-legend" role="group" aria-label={t('calendar.legend')}>
        {(channels.data ?? []).map((c, index) => (
          <span key={c.id} className="plaza-cal-legend-chip" style={{ background: channelColor(index), color: '#fff' }}>
            {c.name}
          </span>
        ))}
        {Object.entries(STATE_LOOK).map(([state, look]) => (
          <span
            key={state}
            className="plaza-cal-legend-chip plaza-cal-legend-state"
            style={{
              background: state === 'approved' ? '#fff' : look.hex,
              color: state === 'approved' ? look.hex : '#fff',
              border: `2px ${state === 'approved' ? 'dashed' : 'solid'} ${look.hex}`,
            }}
          >
            <span aria-hidden>{look.glyph} </span>
            {stateLabel(state)}
          </span>
        ))}
      </div>
      <ApiErrorAlert error={error} role="alert" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setError(null)} />
      {undo && (
        <Alert color="blue" role="status" data-testid="reschedule-undo">
          <Group justify="space-between">
            <Text size="sm">{t('calendar.rescheduled', { when: undo.label })}</Text>
            <Button size="xs" variant="light" onClick={() => void undoLast()}>
              {t('calendar.undo')}
            </Button>
          </Group>
        </Alert>
      )}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div
          data-testid="calendar"
          data-ready={ready ? 'true' : 'false'}
          data-view={view}
          aria-busy={entries.isFetching}
          style={{ flex: '1 1 640px', minWidth: 0 }}
        >
          <CalendarToolbar
            view={view}
            days={days}
            anchor={anchor}
            today={today}
            lang={lang}
            onView={setView}
            onStep={step}
            onToday={() => setAnchor(todayIn(zone))}
          />
          <CalendarGrid
            view={view}
            days={days}
            month={anchor.month}
            today={today}
            entries={shownEntries ?? NO_ENTRIES}
            zone={zone}
            lang={lang}
            channels={chips}
            stateLabel={stateLabel}
            draggable={draggable}
            moreText={moreText}
            dayPostsText={dayPostsText}
            noPostsText={t('calendar.noPosts')}
            actions={actions}
            selected={selecting ? selectedSet : undefined}
            queueSlots={queueSlots}
            freeSlotText={freeSlotText}
            freeSlotLabel={freeSlotLabel}
          />
          {can('post.write') && view !== 'list' && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('calendar.dragHint')}
              {view === 'week' && queueSlots.length > 0 ? ` ${t('calendarOps.slotsLegend')}` : ''}
            </Text>
          )}
        </div>
        <div style={{ flex: '0 1 260px', minWidth: 220 }}>
          <UndatedDrafts enabled={idle} selecting={selecting} selected={selectedSet} onToggle={toggle} />
        </div>
      </div>
      {/* Loaded and mounted only while a post is open: the first screen needs neither the modal nor luxon. */}
      {opened !== null && (
        <Suspense fallback={null}>
          <CalendarPostModal
            entry={opened}
            zone={zone}
            lang={lang}
            channelNames={opened.channels.map((c) => chips.get(c.channelId)?.name ?? '?')}
            stateLabel={stateLabel}
            onClose={() => setOpened(null)}
            onError={(caught) => {
              setOpened(null);
              setError(caught);
            }}
          />
        </Suspense>
      )}
      <Stack gap="xs" maw={640}>
        <Title order={3} size="h5">
          {t('calendar.feedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.feedHelp')}
        </Text>
        <PublicUrlWarning warning={feedUrl ? feedWarning : null} />
        {feedUrl ? (
          <Group wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              readOnly
              label={t('calendar.feedUrl')}
              value={feedUrl}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={feedUrl}>
              {({ copied, copy }) => (
                <Button mt={24} onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : (
          <Button variant="default" onClick={() => void createFeed()} w="fit-content">
            {t('calendar.createFeed')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
