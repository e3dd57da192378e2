import { Button, Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarView } from './CalendarGrid.tsx';
import { type CivilDate, type GridDay, periodTitle } from './calendar-dates.ts';

interface CalendarToolbarProps {
  view: CalendarView;
  days: GridDay[];
  anchor: CivilDate;
  today: CivilDate;
  lang: 'en' | 'es';
  onView(view: CalendarView): void;
  onStep(direction: -1 | 1): void;
  onToday(): void;
}

/** Previous, next and today; the period's title; month, week and list. */
export function CalendarToolbar({ view, days, anchor, today, lang, onView, onStep, onToday }: CalendarToolbarProps) {
  const { t } = useTranslation();
  const todayKey = Date.UTC(today.year, today.month - 1, today.day);
  const showsToday =
    view === 'week'
      ? days.some((day) => Date.UTC(day.year, day.month - 1, day.day) === todayKey)
      : anchor.year === today.year && anchor.month === today.month;
  const views: CalendarView[] = ['month', 'week', 'list'];
  return (
    <Group justify="space-between" mb="xs" gap="xs" className="plaza-cal-toolbar">
      <Group gap={4}>
        <Button variant="default" size="xs" aria-label={t('calendar.previous')} onClick={() => onStep(-1)} data-testid="calendar-prev">
          ‹
        </Button>
        <Button variant="default" size="xs" aria-label={t('calendar.next')} onClick={() => onStep(1)} data-testid="calendar-next">
          ›
        </Button>
        <Button variant="default" size="xs" onClick={onToday} disabled={showsToday}>
          {t('calendar.today')}
        </Button>
      </Group>
      <Title order={3} size="h4" aria-live="polite" data-testid="calendar-title">
        {periodTitle(view, days, anchor, lang)}
      </Title>
      <Group gap={0} role="group" aria-label={t('calendar.view')}>
        {views.map((name, index) => (
          <Button
            key={name}
            size="xs"
            variant={view === name ? 'filled' : 'default'}
            aria-pressed={view === name}
            onClick={() => onView(name)}
            style={{
              borderTopLeftRadius: index === 0 ? undefined : 0,
              borderBottomLeftRadius: index === 0 ? undefined : 0,
              borderTopRightRadius: index === views.length - 1 ? undefined : 0,
              borderBottomRightRadius: index === views.length - 1 ? undefined : 0,
            }}
          >
            {t(`calendar.${name}`)}
          </Button>
        ))}
      </Group>
    </Group>
  );
}
