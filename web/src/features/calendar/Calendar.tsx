import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { EventDropArg, EventInput } from '@fullcalendar/core';
import { CalendarGrid, type CalendarGridHandlers, type PostChip } from './CalendarGrid.tsx';
import { DateTime } from 'luxon';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Title, CopyButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { POST_STATES } from '../posts/types.ts';
import type { CalendarEntry } from './types.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { EDITABLE_STATES, editPostPath } from '../posts/EditPostButton.tsx';
import { useCampaigns } from '../strategy/api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useChannels } from '../channels/api.ts';
import { useMembers } from '../workspaces/api.ts';
import { channelColor, formatInstant } from '../../shared/format.ts';
import { STATE_LOOK, useStateLabel } from '../posts/list/status.tsx';
import { PublicUrlWarning, type UrlWarning } from '../../shared/PublicUrlWarning.tsx';
import {
  calendarEntriesPath,
  firstDayOfWeek,
  loadCalendarEntries,
  monthGridRange,
  takePrefetchedEntries,
  NO_FILTERS,
  rememberCalendarSettings,
  type CalendarFilters,
  type CalendarRange,
} from './CalendarData.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { calendarKeys } from './api.ts';
import './calendar.css';

const MONTH_CELL_POSTS = 3;
const DRAGGABLE = new Set(['draft', 'approved', 'scheduled', 'failed']);

interface Undo {
  postId: string;
  previous: string;
  label: string;
}

/** The calendar: month, week and list views in the brand's zone, filters, drag to reschedule with undo, iCal feed. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  // Monday first in Spanish, and wherever the brand's own locale expects it.
  const firstDay = lang === 'es' ? 1 : firstDayOfWeek(workspace.language);
  const [initialView] = useState(() => (window.innerWidth < 600 ? 'listWeek' : 'dayGridMonth'));
  // The month grid's window is known before FullCalendar mounts: fetch it at once, not after datesSet.
  const [range, setRange] = useState<CalendarRange | null>(() =>
    initialView === 'dayGridMonth' ? monthGridRange(new Date(), workspace.timeZone, firstDay) : null,
  );
  const [viewType, setViewType] = useState(initialView);
  const [filters, setFilters] = useState<CalendarFilters>(NO_FILTERS);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [feedWarning, setFeedWarning] = useState<UrlWarning | null>(null);
  const ready = useRef<HTMLDivElement>(null);
  const { can } = useSession();
  const [opened, setOpened] = useState<CalendarEntry | null>(null);

  useEffect(
    () => rememberCalendarSettings({ workspaceId: workspace.id, zone: workspace.timeZone, firstDay }),
    [workspace.id, workspace.timeZone, firstDay],
  );

  const entries = useQuery({
    queryKey: calendarKeys.range(workspace.id, range, filters),
    enabled: range !== null,
    placeholderData: (previous) => previous,
    initialData: () => (range ? takePrefetchedEntries(calendarEntriesPath(workspace.id, range, filters)) : undefined),
    queryFn: () => loadCalendarEntries(calendarEntriesPath(workspace.id, range!, filters)),
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

  const channelIndex = useMemo(() => new Map((channels.data ?? []).map((c, index) => [c.id, index])), [channels.data]);
  const channelName = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c.name])), [channels.data]);
  const campaignOptions = useMemo(() => (campaignList.data ?? []).map((c) => ({ value: c.id, label: c.name })), [campaignList.data]);

  const stateLabel = useStateLabel();
  // Status at a glance: the event is coloured by its state and starts with the state's glyph;
  // every channel of the post is a chip in that channel's colour (names in the legend and the label).
  const toEvent = useCallback(
    (entry: CalendarEntry): EventInput => {
      const look = STATE_LOOK[entry.state] ?? STATE_LOOK.draft;
      const approved = entry.state === 'approved';
      const channels: PostChip[] = entry.channels.map((c) => ({
        name: channelName.get(c.channelId) ?? '?',
        color: channelColor(channelIndex.get(c.channelId) ?? 0),
      }));
      return {
        id: entry.id,
        title: entry.content.slice(0, 80) || '—',
        start: entry.scheduledAt,
        allDay: false,
        // Approved but not scheduled stands out: white with a dashed border, as it will not go out by itself.
        backgroundColor: approved ? '#ffffff' : look.hex,
        borderColor: look.hex,
        textColor: approved ? look.hex : '#ffffff',
        classNames: [`state-${entry.state}`],
        startEditable: DRAGGABLE.has(entry.state),
        extendedProps: { state: entry.state, glyph: look.glyph, stateLabel: stateLabel(entry.state), channels },
      };
    },
    [channelIndex, channelName, stateLabel],
  );

  const dayOf = useMemo(() => {
    // Intl is several times faster than a luxon DateTime per entry; en-CA formats as yyyy-mm-dd.
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: workspace.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    return (iso: string) => format.format(new Date(iso));
  }, [workspace.timeZone]);

  // A month cell shows a few posts and a "+N more" that opens the day: rendering every one of
  // 1,000 posts (even hidden) is what makes a busy month slow, so only the shown ones become events.
  const events = useMemo<EventInput[]>(() => {
    const list = entries.data ?? [];
    if (viewType !== 'dayGridMonth') return list.map(toEvent);
    const byDay = new Map<string, CalendarEntry[]>();
    for (const entry of list) {
      const day = dayOf(entry.scheduledAt);
      const dayEntries = byDay.get(day);
      if (dayEntries) dayEntries.push(entry);
      else byDay.set(day, [entry]);
    }
    const shown: EventInput[] = [];
    for (const [day, dayEntries] of byDay) {
      for (const entry of dayEntries.slice(0, MONTH_CELL_POSTS)) shown.push(toEvent(entry));
      if (dayEntries.length > MONTH_CELL_POSTS) {
        shown.push({
          id: `more:${day}`,
          title: t('calendar.more', { count: dayEntries.length - MONTH_CELL_POSTS }),
          start: day,
          allDay: true,
          editable: false,
          backgroundColor: '#f1f3f5',
          borderColor: '#ced4da',
          textColor: '#212529',
          classNames: ['more-posts'],
          order: 99,
        } as EventInput);
      }
    }
    return shown;
  }, [entries.data, viewType, dayOf, toEvent, t]);

  useEffect(() => {
    if (entries.isSuccess && ready.current) ready.current.dataset.ready = 'true';
  }, [entries.isSuccess, entries.data]);

  const reschedule = async (postId: string, scheduledAt: string) =>
    api('POST', `/workspaces/${workspace.id}/posts/${postId}/schedule`, { scheduledAt });

  const onDrop = async (info: EventDropArg) => {
    setError(null);
    const previous = info.oldEvent.startStr;
    const next = info.event.startStr;
    try {
      await reschedule(info.event.id, toInstant(next, workspace.timeZone));
      setUndo({
        postId: info.event.id,
        previous: toInstant(previous, workspace.timeZone),
        label: formatInstant(toInstant(next, workspace.timeZone), workspace.timeZone, lang),
      });
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
    } catch (caught) {
      info.revert();
      setError(caught);
    }
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

  const buttonText = useMemo(
    () => ({ today: t('calendar.today'), month: t('calendar.month'), week: t('calendar.week'), list: t('calendar.list') }),
    [t],
  );
  // Always the latest closures, without changing the grid's props.
  const handlers = useRef<CalendarGridHandlers>(null as unknown as CalendarGridHandlers);
  handlers.current = {
    onDatesSet: (arg) => {
      const next = { from: arg.start.toISOString(), to: arg.end.toISOString() };
      // Equal to the window computed before mount on first show; a different one (navigation) refetches.
      setRange((current) => (current && current.from === next.from && current.to === next.to ? current : next));
      setViewType(arg.view.type);
    },
    onOpenPost: (postId) => setOpened(entries.data?.find((entry) => entry.id === postId) ?? null),
    onDrop: (info) => void onDrop(info),
    onDateClick: (info) => {
      if (can('post.write') && info.view.type === 'dayGridMonth') navigate(`/compose?date=${info.dateStr.slice(0, 10)}`);
    },
  };

  const createFeed = async () => {
    const created = await apiCall('post', '/api/v1/workspaces/{workspaceId}/calendar/feed', { params: { workspaceId: workspace.id } });
    setFeedUrl(created.url);
    setFeedWarning(created.urlWarning ?? null);
  };

  return (
    <Stack>
      <Title order={2}>{t('calendar.title')}</Title>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('calendar.filterChannel')}
          clearable
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filters.channelId}
          onChange={(channelId) => setFilters({ ...filters, channelId })}
          w={180}
        />
        <Select
          label={t('calendar.filterStatus')}
          clearable
          data={POST_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))}
          value={filters.state}
          onChange={(state) => setFilters({ ...filters, state })}
          w={160}
        />
        <Select
          label={t('calendar.filterAuthor')}
          clearable
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          value={filters.authorId}
          onChange={(authorId) => setFilters({ ...filters, authorId })}
          w={180}
        />
        <Select
          label={t('calendar.filterCampaign')}
          clearable
          searchable
          data={campaignOptions}
          value={filters.campaignId}
          onChange={(campaignId) => setFilters({ ...filters, campaignId })}
          w={180}
          disabled={campaignOptions.length === 0 && !filters.campaignId}
        />
      </Group>
      <Group gap={6} aria-label={t('calendar.legend')}>
        {(channels.data ?? []).map((c, index) => (
          <Text key={c.id} size="xs" px={6} py={2} style={{ background: channelColor(index), color: '#fff', borderRadius: 4 }}>
            {c.name}
          </Text>
        ))}
        {Object.entries(STATE_LOOK).map(([state, look]) => (
          <Text
            key={state}
            size="xs"
            px={6}
            py={1}
            style={{
              background: state === 'approved' ? '#fff' : look.hex,
              color: state === 'approved' ? look.hex : '#fff',
              border: `2px ${state === 'approved' ? 'dashed' : 'solid'} ${look.hex}`,
              borderRadius: 4,
            }}
          >
            <span aria-hidden>{look.glyph} </span>
            {stateLabel(state)}
          </Text>
        ))}
      </Group>
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
      <div ref={ready} data-testid="calendar" data-ready="false">
        <CalendarGrid
          events={events}
          lang={lang}
          zone={workspace.timeZone}
          firstDay={firstDay}
          initialView={initialView}
          buttonText={buttonText}
          handlers={handlers}
        />
      </div>
      <Modal
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={opened ? `${stateLabel(opened.state)} · ${formatInstant(opened.scheduledAt, workspace.timeZone, lang)}` : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && (
          <Stack data-testid="calendar-post">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {opened.content || '—'}
            </Text>
            <Text size="xs" c="dimmed">
              {opened.channels.map((c) => channelName.get(c.channelId) ?? '?').join(', ')}
            </Text>
            <Group>
              <Button onClick={() => navigate(`/posts/${opened.id}`)}>{t('planner.openDetails')}</Button>
              {EDITABLE_STATES.includes(opened.state) && can('post.write') && (
                <Button variant="default" onClick={() => navigate(editPostPath(opened.id))}>
                  {t('planner.edit')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
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

/** FullCalendar gives wall times with an offset under a named zone; read anything else in the brand's zone. */
function toInstant(value: string, zone: string): string {
  const hasOffset = /([+-]\d\d:\d\d|Z)$/.test(value);
  const dt = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone });
  return dt.toISO() ?? value;
}
