import { useTranslation } from 'react-i18next';
import {
  type CSSProperties,
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { STATE_LOOK } from '../posts/list/status.tsx';
import { type CivilDate, type GridDay, dayIndexOf, hhmm, timeOfDay } from './calendar-dates.ts';
import type { CalendarEntry } from './types.ts';

/** The calendar's views: a month grid, a week of hours, and the month as a list. */
export type CalendarView = 'month' | 'week' | 'list';

/** One channel of a post as its event shows it. */
export interface PostChip {
  name: string;
  color: string;
}

/** A post placed on the grid: its day (index into the view's days), wall-clock time, and channels. */
interface Placed {
  entry: CalendarEntry;
  ms: number;
  hour: number;
  time: string;
}

/** What the grid asks of the page. */
export interface CalendarGridActions {
  open(entry: CalendarEntry): void;
  /** A post dropped on `day` (and, in the week view, `hour`). */
  move(entry: CalendarEntry, day: GridDay, hour?: number): void;
  /** A click on a day's empty space (month view). */
  dayClick?(day: GridDay): void;
  /** A click on a free queue slot (week view): `time` is its wall-clock "HH:MM". */
  slotClick?(day: GridDay, time: string): void;
}

/** A weekly queue slot the week view draws where no post has its time yet. */
export interface QueueSlotMark {
  /** 0 = Sunday … 6 = Saturday, as GridDay.weekday. */
  weekday: number;
  time: string;
  queue: string;
}

interface CalendarGridProps {
  view: CalendarView;
  days: GridDay[];
  /** The month shown (month and list views dim or leave out days outside it). */
  month: number;
  today: CivilDate;
  entries: CalendarEntry[];
  zone: string;
  lang: 'en' | 'es';
  channels: Map<string, PostChip>;
  stateLabel(state: string): string;
  draggable(entry: CalendarEntry): boolean;
  moreText(count: number): string;
  dayPostsText(day: string): string;
  noPostsText: string;
  actions: CalendarGridActions;
  /** Posts picked for a batch operation (drawn selected). */
  selected?: ReadonlySet<string>;
  /** The queues' weekly slots (week view: the free ones drawn as dashed boxes to click). */
  queueSlots?: QueueSlotMark[];
  freeSlotText?(queue: string, time: string): string;
  freeSlotLabel?(queue: string, time: string): string;
}

/** Posts a month cell shows before "+N more"; a week's hour cell shows fewer. */
const MONTH_CELL_POSTS = 3;
const HOUR_CELL_POSTS = 2;
/** Hours the week view always shows; earlier or later ones only when a post is there. */
const FIRST_HOUR = 7;
const LAST_HOUR = 21;
const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    // Civil dates are formatted as UTC instants of their midnight: no zone arithmetic involved.
    found = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
    formats.set(key, found);
  }
  return found;
}
const civil = (day: CivilDate) => new Date(Date.UTC(day.year, day.month - 1, day.day));
const sameDay = (a: CivilDate, b: CivilDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** A day in words: "jueves, 3 de diciembre" / "Thursday, December 3". */
export function dayInWords(day: CivilDate, lang: string): string {
  return format(lang, { weekday: 'long', day: 'numeric', month: 'long' }).format(civil(day));
}

/** Places each post on its day (in the brand's zone) with its wall-clock time, in time order. */
function placeAll(entries: CalendarEntry[], days: GridDay[], zone: string): Placed[][] {
  const byDay: Placed[][] = days.map(() => []);
  for (const entry of entries) {
    const ms = Date.parse(entry.scheduledAt);
    const index = dayIndexOf(days, ms);
    if (index < 0) continue;
    const day = days[index];
    // A 24-hour day has one offset all day: its time is plain arithmetic; DST days ask Intl.
    const time =
      day.end - day.start === DAY_MS
        ? { hour: Math.floor((ms - day.start) / 3_600_000), minute: Math.floor(((ms - day.start) % 3_600_000) / 60_000) }
        : timeOfDay(ms, zone);
    byDay[index].push({ entry, ms, hour: time.hour, time: hhmm(time) });
  }
  for (const list of byDay) list.sort((a, b) => a.ms - b.ms);
  return byDay;
}

/** What a pointer drag needs to know while it runs (kept out of React state: it moves every frame). */
interface DragState {
  placed: Placed;
  source: HTMLElement;
  pointerId: number;
  x: number;
  y: number;
  started: boolean;
  touchTimer: number | null;
  ghost: HTMLElement | null;
  over: HTMLElement | null;
}

interface DragOptions {
  root: { current: HTMLElement | null };
  suppressClick: { current: boolean };
  closePopover(): void;
  draggable(entry: CalendarEntry): boolean;
  drop(entry: CalendarEntry, target: HTMLElement): void;
}

/**
 * Drag to reschedule with pointer events: the mouse or a pen after a few pixels, touch after a long
 * press (a quick swipe still scrolls). A copy of the post follows the pointer; the cell under it
 * (`[data-drop]`, with `data-day` and maybe `data-hour`) is highlighted and receives the post.
 */
function pointerDrag(options: DragOptions) {
  let state: DragState | null = null;

  function end() {
    const current = state;
    state = null;
    if (!current) return;
    if (current.touchTimer !== null) window.clearTimeout(current.touchTimer);
    current.ghost?.remove();
    current.over?.classList.remove('plaza-cal-drop');
    options.root.current?.classList.remove('plaza-cal-dragging');
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('touchmove', preventScroll);
  }

  function begin(current: DragState, source: HTMLElement) {
    current.started = true;
    options.closePopover();
    const ghost = source.cloneNode(true) as HTMLElement;
    ghost.classList.add('plaza-cal-ghost');
    ghost.removeAttribute('data-post-id');
    ghost.setAttribute('aria-hidden', 'true');
    ghost.style.width = `${source.getBoundingClientRect().width}px`;
    document.body.append(ghost);
    current.ghost = ghost;
    options.root.current?.classList.add('plaza-cal-dragging');
    follow(current);
  }

  function follow(current: DragState) {
    if (current.ghost) current.ghost.style.transform = `translate(${current.x + 8}px, ${current.y + 8}px)`;
    const under = document.elementFromPoint(current.x, current.y) as HTMLElement | null;
    const target = under?.closest<HTMLElement>('[data-drop]') ?? null;
    if (target === current.over) return;
    current.over?.classList.remove('plaza-cal-drop');
    target?.classList.add('plaza-cal-drop');
    current.over = target;
  }

  function onMove(event: PointerEvent) {
    const current = state;
    if (!current || event.pointerId !== current.pointerId) return;
    if (!current.started) {
      const moved = Math.hypot(event.clientX - current.x, event.clientY - current.y);
      // Touch: moving before the long press is a scroll, not a drag.
      if (current.touchTimer !== null) {
        if (moved > 8) end();
        return;
      }
      if (moved < 4) return;
      current.x = event.clientX;
      current.y = event.clientY;
      begin(current, current.source);
      return;
    }
    current.x = event.clientX;
    current.y = event.clientY;
    follow(current);
  }

  function onUp(event: PointerEvent) {
    const current = state;
    if (!current || event.pointerId !== current.pointerId) return;
    const target = current.started ? current.over : null;
    end();
    if (!current.started) return;
    // The click that ends a drag does not open the post.
    options.suppressClick.current = true;
    window.setTimeout(() => {
      options.suppressClick.current = false;
    }, 0);
    if (target) options.drop(current.placed.entry, target);
  }

  function onCancel(event: PointerEvent) {
    if (state && event.pointerId === state.pointerId) end();
  }

  function preventScroll(event: TouchEvent) {
    if (state?.started) event.preventDefault();
  }

  function start(event: ReactPointerEvent<HTMLElement>, item: Placed) {
    if (event.button !== 0 || !options.draggable(item.entry)) return;
    end();
    const current: DragState = {
      placed: item,
      source: event.currentTarget,
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      started: false,
      touchTimer: null,
      ghost: null,
      over: null,
    };
    if (event.pointerType === 'touch')
      current.touchTimer = window.setTimeout(() => {
        current.touchTimer = null;
        if (state === current) begin(current, current.source);
      }, 350);
    state = current;
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('touchmove', preventScroll, { passive: false });
  }

  return { start, end };
}

/**
 * Plaza's own calendar grid (month, week, list) in the brand's time zone: plain elements and CSS grid,
 * only the posts a cell has room for rendered ("+N more" opens the rest), drag to reschedule with the
 * mouse, a pen or a long press on touch screens.
 */
export const CalendarGrid = memo(function CalendarGrid(props: CalendarGridProps) {
  const { view, days, entries, zone, lang, today, month } = props;
  const placed = useMemo(() => placeAll(entries, days, zone), [entries, days, zone]);
  const [popover, setPopover] = useState<string | null>(null);
  const suppressClick = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  // The open "+N more" closes on Escape, a click elsewhere, and when the view or period changes.
  const scope = `${view}:${days[0]?.key}`;
  const [popoverScope, setPopoverScope] = useState(scope);
  if (popoverScope !== scope) {
    setPopoverScope(scope);
    setPopover(null);
  }
  useEffect(() => {
    if (!popover) return;
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && setPopover(null);
    const onDown = (event: MouseEvent) => {
      if (!(event.target as Element).closest?.('.plaza-cal-popover')) setPopover(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [popover]);

  const dragger = useMemo(
    () =>
      pointerDrag({
        root,
        suppressClick,
        closePopover: () => setPopover(null),
        draggable: (entry) => latest.current.draggable(entry),
        drop: (entry, target) => {
          const day = latest.current.days[Number(target.dataset.day)];
          const hour = target.dataset.hour === undefined ? undefined : Number(target.dataset.hour);
          if (day) latest.current.actions.move(entry, day, hour);
        },
      }),
    [],
  );
  useEffect(() => () => dragger.end(), [dragger]);

  const { t } = useTranslation();
  const eventProps = {
    zone,
    // One translation for every event (a hook per event costs on a month of 1,000 posts).
    repeatLabel: t('recurring.icon'),
    channels: props.channels,
    stateLabel: props.stateLabel,
    draggable: props.draggable,
    selected: props.selected,
    onPointerDown: dragger.start,
    onOpen: (entry: CalendarEntry) => {
      if (suppressClick.current) return;
      setPopover(null);
      latest.current.actions.open(entry);
    },
  };

  // The open list's title is worded only for the open one (a month has dozens of "+N more").
  const more = (key: string, list: Placed[], shown: number, title: () => string, alignEnd: boolean) =>
    list.length > shown && (
      <>
        <button
          type="button"
          className="plaza-cal-more"
          aria-expanded={popover === key}
          onClick={(event) => {
            event.stopPropagation();
            setPopover(popover === key ? null : key);
          }}
        >
          {props.moreText(list.length - shown)}
        </button>
        {popover === key && (
          <div className={`plaza-cal-popover${alignEnd ? ' plaza-cal-popover-end' : ''}`} role="dialog" aria-label={title()}>
            <div className="plaza-cal-popover-title">{title()}</div>
            <div className="plaza-cal-popover-list">
              {list.map((item) => (
                <PostEvent key={item.entry.id} item={item} {...eventProps} />
              ))}
            </div>
          </div>
        )}
      </>
    );

  const weekdayFormat = format(lang, { weekday: 'short' });

  if (view === 'list') {
    const shown = days.map((day, index) => ({ day, list: placed[index] })).filter(({ day, list }) => day.month === month && list.length);
    if (shown.length === 0) return <p className="plaza-cal-empty">{props.noPostsText}</p>;
    return (
      <div className="plaza-cal-list" ref={root}>
        {shown.map(({ day, list }) => (
          <section key={day.key} aria-label={dayInWords(day, lang)}>
            <h3 className={`plaza-cal-list-day${sameDay(day, today) ? ' plaza-cal-today' : ''}`}>{dayInWords(day, lang)}</h3>
            {list.map((item) => (
              <PostEvent key={item.entry.id} item={item} {...eventProps} wide />
            ))}
          </section>
        ))}
      </div>
    );
  }

  if (view === 'week') {
    let first = FIRST_HOUR;
    let last = LAST_HOUR;
    for (const list of placed)
      for (const item of list) {
        first = Math.min(first, item.hour);
        last = Math.max(last, item.hour);
      }
    // Free queue slots per day and hour: a slot is free when no post of that day has its time; past days show none.
    const free = days.map((day, index) => {
      const map = new Map<number, QueueSlotMark[]>();
      const past = day.year * 10_000 + day.month * 100 + day.day < today.year * 10_000 + today.month * 100 + today.day;
      if (past) return map;
      for (const slot of props.queueSlots ?? []) {
        if (slot.weekday !== day.weekday || placed[index].some((item) => item.time === slot.time)) continue;
        const hour = Number(slot.time.slice(0, 2));
        first = Math.min(first, hour);
        last = Math.max(last, hour);
        map.set(hour, [...(map.get(hour) ?? []), slot]);
      }
      return map;
    });
    const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const byHour = placed.map((list) => {
      const map = new Map<number, Placed[]>();
      for (const item of list) map.set(item.hour, [...(map.get(item.hour) ?? []), item]);
      return map;
    });
    return (
      <div className="plaza-cal-week" ref={root} role="grid">
        <div className="plaza-cal-corner" />
        {days.map((day) => (
          <div key={day.key} role="columnheader" className={`plaza-cal-head${sameDay(day, today) ? ' plaza-cal-today' : ''}`}>
            <span>{weekdayFormat.format(civil(day))}</span> <strong>{day.day}</strong>
          </div>
        ))}
        {hours.map((hour) => (
          <div key={hour} role="row" className="plaza-cal-row">
            <div className="plaza-cal-hour" role="rowheader">
              {hhmm({ hour, minute: 0 })}
            </div>
            {days.map((day, index) => {
              const list = byHour[index].get(hour) ?? [];
              const key = `${day.key}T${hour}`;
              return (
                <div
                  key={day.key}
                  role="gridcell"
                  className={`plaza-cal-slot${sameDay(day, today) ? ' plaza-cal-today' : ''}`}
                  data-drop=""
                  data-day={index}
                  data-hour={hour}
                  data-date={day.key}
                >
                  {list.slice(0, list.length > HOUR_CELL_POSTS ? HOUR_CELL_POSTS - 1 : HOUR_CELL_POSTS).map((item) => (
                    <PostEvent key={item.entry.id} item={item} {...eventProps} />
                  ))}
                  {more(
                    key,
                    list,
                    list.length > HOUR_CELL_POSTS ? HOUR_CELL_POSTS - 1 : HOUR_CELL_POSTS,
                    () => `${dayInWords(day, lang)} · ${hhmm({ hour, minute: 0 })}`,
                    index >= 5,
                  )}
                  {(free[index].get(hour) ?? []).map((slot) => (
                    <button
                      key={`${slot.queue}-${slot.time}`}
                      type="button"
                      className="plaza-cal-freeslot"
                      data-testid="free-slot"
                      data-time={slot.time}
                      aria-label={props.freeSlotLabel?.(slot.queue, slot.time)}
                      onClick={(event) => {
                        event.stopPropagation();
                        props.actions.slotClick?.(day, slot.time);
                      }}
                    >
                      {props.freeSlotText?.(slot.queue, slot.time) ?? slot.time}
                    </button>
                  ))}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    );
  }

  return (
    <div className="plaza-cal-month" ref={root} role="grid">
      {days.slice(0, 7).map((day) => (
        <div key={day.key} role="columnheader" className="plaza-cal-head" data-weekday={day.weekday}>
          {weekdayFormat.format(civil(day))}
        </div>
      ))}
      {days.map((day, index) => {
        const list = placed[index];
        // Three posts, or two and "+N more" when there are more: a cell never grows past four lines.
        const shown = list.length > MONTH_CELL_POSTS ? MONTH_CELL_POSTS - 1 : MONTH_CELL_POSTS;
        const classes = ['plaza-cal-day'];
        if (day.month !== month) classes.push('plaza-cal-other');
        if (sameDay(day, today)) classes.push('plaza-cal-today');
        return (
          <div
            key={day.key}
            role="gridcell"
            className={classes.join(' ')}
            data-drop=""
            data-day={index}
            data-date={day.key}
            onClick={(event) => {
              if (!(event.target as Element).closest('[data-post-id], .plaza-cal-more, .plaza-cal-popover')) props.actions.dayClick?.(day);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && event.target === event.currentTarget) props.actions.dayClick?.(day);
            }}
          >
            <div className="plaza-cal-daynum">{day.day}</div>
            {list.slice(0, shown).map((item) => (
              <PostEvent key={item.entry.id} item={item} {...eventProps} />
            ))}
            {more(day.key, list, shown, () => props.dayPostsText(dayInWords(day, lang)), index % 7 >= 5)}
          </div>
        );
      })}
    </div>
  );
});

interface PostEventProps {
  item: Placed;
  zone: string;
  channels: Map<string, PostChip>;
  stateLabel(state: string): string;
  repeatLabel: string;
  draggable(entry: CalendarEntry): boolean;
  onPointerDown(event: ReactPointerEvent<HTMLElement>, item: Placed): void;
  onOpen(entry: CalendarEntry): void;
  wide?: boolean;
  selected?: ReadonlySet<string>;
}

/**
 * A post: state glyph, time and text on the first line, one chip per channel on the second; coloured by
 * its state (approved but not scheduled: white with a dashed border). Screen readers hear the state in
 * words and every channel by name; Enter or Space opens it like a click.
 */
function PostEvent({ item, channels, stateLabel, repeatLabel, draggable, onPointerDown, onOpen, wide, selected }: PostEventProps) {
  const { entry, time } = item;
  const look = STATE_LOOK[entry.state] ?? STATE_LOOK.draft;
  const approved = entry.state === 'approved';
  const chips = entry.channels.map((c) => channels.get(c.channelId) ?? { name: '?', color: '#868e96' });
  const names = chips.map((c) => c.name).join(', ');
  const title = entry.content.slice(0, 80) || '—';
  const label = stateLabel(entry.state);
  const canDrag = draggable(entry);
  const picked = selected?.has(entry.id) ?? false;
  return (
    <div
      role="button"
      tabIndex={0}
      className={`plaza-event state-${entry.state}${wide ? ' plaza-event-wide' : ''}${canDrag ? ' plaza-event-draggable' : ''}${picked ? ' plaza-event-selected' : ''}`}
      data-post-id={entry.id}
      data-selected={picked ? 'true' : undefined}
      aria-pressed={selected ? picked : undefined}
      data-state={entry.state}
      aria-label={`${label} · ${time} · ${title} — ${names}`}
      title={`${label} — ${names}`}
      style={
        wide
          ? ({ '--plaza-state': look.hex } as CSSProperties)
          : { background: approved ? '#ffffff' : look.hex, borderColor: look.hex, color: approved ? look.hex : '#ffffff' }
      }
      onPointerDown={(event) => onPointerDown(event, item)}
      onClick={(event) => {
        event.stopPropagation();
        onOpen(entry);
      }}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onOpen(entry);
      }}
    >
      <div className="plaza-event-line">
        <span className="plaza-event-glyph" aria-hidden>
          {look.glyph}
        </span>
        <span className="plaza-event-time">{time}</span>
        {entry.recurring && (
          <span className="plaza-event-repeat" data-testid="calendar-repeat" role="img" aria-label={repeatLabel} title={repeatLabel}>
            <RepeatIcon />
          </span>
        )}
        <span className="plaza-event-title">{title}</span>
      </div>
      {chips.length > 0 && (
        <div className="plaza-event-channels">
          {chips.map((chip, index) => (
            <span key={entry.channels[index].channelId} className="plaza-event-chip" style={{ background: chip.color }}>
              {chip.name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** The repeat mark of a recurring post's occurrence: two arrows in a loop (an SVG, so no emoji font is needed). */
function RepeatIcon() {
  return (
    <svg
      width="11"
      height="11"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
      style={{ verticalAlign: '-1px' }}
    >
      <path d="M2 7V6a3 3 0 0 1 3-3h8l-2.5-2.5M14 9v1a3 3 0 0 1-3 3H3l2.5 2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
