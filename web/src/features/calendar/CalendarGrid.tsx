import { memo, useCallback, useMemo, useRef, type MutableRefObject } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import listPlugin from '@fullcalendar/list';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import esLocale from '@fullcalendar/core/locales/es';
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput, EventMountArg } from '@fullcalendar/core';

/** One channel of a post as its event shows it. */
export interface PostChip {
  name: string;
  color: string;
}

/** What the page does on calendar interactions; read through a ref so the grid's props stay stable. */
export interface CalendarGridHandlers {
  onDatesSet(arg: DatesSetArg): void;
  onOpenPost(postId: string): void;
  onDrop(info: EventDropArg): void;
  onDateClick(info: DateClickArg): void;
}

interface CalendarGridProps {
  events: EventInput[];
  lang: 'en' | 'es';
  zone: string;
  firstDay: number;
  initialView: string;
  buttonText: Record<string, string>;
  handlers: MutableRefObject<CalendarGridHandlers>;
}

const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, luxonPlugin];
const LOCALES = [esLocale];
const HEADER = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' };
const TIME_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A post's event: state glyph, time and text on the first line, one chip per channel on the second.
 * Plain DOM (not React) keeps a busy month fast; "+N more" keeps FullCalendar's own look.
 */
function eventContent(arg: EventContentArg) {
  const props = arg.event.extendedProps as { glyph?: string; channels?: PostChip[] };
  if (!props.glyph) return true;
  const box = element('div', 'plaza-event');
  const line = element('div', 'plaza-event-line');
  line.append(element('span', 'plaza-event-glyph', props.glyph));
  if (arg.timeText) line.append(element('span', 'plaza-event-time', arg.timeText));
  line.append(element('span', 'plaza-event-title', arg.event.title));
  box.append(line);
  if (props.channels?.length) {
    const chips = element('div', 'plaza-event-channels');
    for (const channel of props.channels) {
      const chip = element('span', 'plaza-event-chip', channel.name);
      chip.style.background = channel.color;
      chips.append(chip);
    }
    box.append(chips);
  }
  return { domNodes: [box] };
}

/**
 * FullCalendar with props that only change when the calendar itself must: the page re-renders when
 * filters' option lists or other data arrive, and each FullCalendar option change costs a re-render
 * of every event, so callbacks go through a ref and constant options live outside the component.
 */
export const CalendarGrid = memo(function CalendarGrid({
  events,
  lang,
  zone,
  firstDay,
  initialView,
  buttonText,
  handlers,
}: CalendarGridProps) {
  const calendarRef = useRef<FullCalendar>(null);
  const datesSet = useCallback((arg: DatesSetArg) => handlers.current.onDatesSet(arg), [handlers]);
  const eventDrop = useCallback((info: EventDropArg) => handlers.current.onDrop(info), [handlers]);
  const dateClick = useCallback((info: DateClickArg) => handlers.current.onDateClick(info), [handlers]);
  const eventClick = useCallback(
    (info: EventClickArg) => {
      info.jsEvent.preventDefault();
      // "+N more" opens that day; a post opens its summary.
      if (info.event.id.startsWith('more:')) calendarRef.current?.getApi().changeView('timeGridDay', info.event.id.slice(5));
      else handlers.current.onOpenPost(info.event.id);
    },
    [handlers],
  );
  const eventDidMount = useCallback((info: EventMountArg) => {
    const props = info.event.extendedProps as { stateLabel?: string; channels?: PostChip[] };
    if (!props.stateLabel) return;
    // Screen readers hear the state in words and every channel by its full name.
    const channels = (props.channels ?? []).map((c) => c.name).join(', ');
    info.el.setAttribute('aria-label', `${props.stateLabel} · ${info.timeText} · ${info.event.title} — ${channels}`);
    info.el.setAttribute('title', `${props.stateLabel} — ${channels}`);
    info.el.setAttribute('data-post-id', info.event.id);
    info.el.setAttribute('data-state', String(info.event.extendedProps.state));
  }, []);
  const text = useMemo(() => buttonText, [buttonText]);
  return (
    <FullCalendar
      ref={calendarRef}
      eventOrder="allDay,start"
      plugins={PLUGINS}
      initialView={initialView}
      firstDay={firstDay}
      headerToolbar={HEADER}
      buttonText={text}
      locales={LOCALES}
      locale={lang}
      timeZone={zone}
      events={events}
      editable
      eventDurationEditable={false}
      eventDisplay="block"
      height="auto"
      eventTimeFormat={TIME_FORMAT}
      datesSet={datesSet}
      eventClick={eventClick}
      eventDidMount={eventDidMount}
      eventContent={eventContent}
      eventDrop={eventDrop}
      dateClick={dateClick}
    />
  );
});
