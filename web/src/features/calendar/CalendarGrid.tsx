import { memo, useCallback, useMemo, useRef, type MutableRefObject } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import listPlugin from '@fullcalendar/list';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import esLocale from '@fullcalendar/core/locales/es';
import type { DatesSetArg, EventClickArg, EventDropArg, EventInput, EventMountArg } from '@fullcalendar/core';

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
    info.el.setAttribute('aria-label', `${info.event.title} — ${String(info.event.extendedProps.channels ?? '')}`);
    info.el.setAttribute('data-post-id', info.event.id);
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
      eventDrop={eventDrop}
      dateClick={dateClick}
    />
  );
});
