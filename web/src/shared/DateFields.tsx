import '@mantine/dates/styles.css';
import 'dayjs/locale/es';
import { useEffect, useState, type ReactNode } from 'react';
import { Group, Text, TextInput, type MantineSize } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import {
  dateLanguage,
  dayjsDayPattern,
  dayPlaceholder,
  dayToPickerDate,
  firstDayOfWeek,
  joinLocalInput,
  parseTypedDay,
  parseTypedTime,
  pickerDateToDay,
  shiftedWallTime,
  splitLocalInput,
} from './date-fields.ts';

/*
 * Date fields in the UI language (Spanish: dd/mm/aaaa, weeks from Monday; English: mm/dd/yyyy, or
 * dd/mm/yyyy when the browser's English is British or another day-first one), typed
 * or picked from a month grid. Values are wall-clock strings in the brand's time zone, the same ones
 * the native inputs gave (`yyyy-LL-dd`, `yyyy-LL-dd'T'HH:mm`), so `fromLocalInput` keeps doing the
 * zone and daylight-saving work. Imported only by lazily loaded pages: the picker stays out of the
 * first load.
 */

/** The picker's language settings for the UI language. */
function PickerSettings({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: firstDayOfWeek(language), weekendDays: [0, 6] }}>{children}</DatesProvider>
  );
}

interface DayFieldProps {
  label?: ReactNode;
  'aria-label'?: string;
  description?: ReactNode;
  error?: ReactNode;
  /** `yyyy-LL-dd`, or '' for none. */
  value: string;
  onChange: (day: string) => void;
  minDay?: string;
  maxDay?: string;
  size?: MantineSize;
  clearable?: boolean;
  required?: boolean;
  w?: number | string;
  'data-testid'?: string;
}

/** A day, typed ("29/03/2026") or picked, in the UI language's format. */
export function DayField({ value, onChange, minDay, maxDay, clearable, ...props }: DayFieldProps) {
  const { i18n } = useTranslation();
  const language = dateLanguage(i18n.language);
  return (
    <PickerSettings>
      <DateInput
        {...props}
        value={dayToPickerDate(value)}
        onChange={(date) => onChange(pickerDateToDay(date))}
        valueFormat={dayjsDayPattern(language)}
        dateParser={(text) => dayToPickerDate(parseTypedDay(text, language))}
        placeholder={dayPlaceholder(language)}
        minDate={dayToPickerDate(minDay) ?? undefined}
        maxDate={dayToPickerDate(maxDay) ?? undefined}
        clearable={clearable}
        popoverProps={{ withinPortal: true }}
        highlightToday
      />
    </PickerSettings>
  );
}

/**
 * A time of day on a 24-hour clock ("10:00", as the brand's zone reads it), typed freely ("930",
 * "9.30", "2:30 pm" are understood) and tidied when the field is left. The browser's own time input
 * is not used: it follows the browser's language (10:00 AM in a Spanish UI), not Plaza's.
 */
function TimeField({
  value,
  onChange,
  ...props
}: {
  label?: ReactNode;
  'aria-label'?: string;
  value: string;
  disabled?: boolean;
  onChange: (time: string) => void;
  size?: MantineSize;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const parsed = parseTypedTime(text);
  return (
    <TextInput
      {...props}
      value={text}
      placeholder="hh:mm"
      inputMode="numeric"
      w={90}
      error={text && !parsed ? ' ' : undefined}
      onChange={(e) => {
        setText(e.currentTarget.value);
        const next = parseTypedTime(e.currentTarget.value);
        if (next && /^\d{2}:\d{2}$/.test(e.currentTarget.value.trim())) onChange(next);
      }}
      onBlur={() => {
        if (parsed) {
          setText(parsed);
          onChange(parsed);
        } else setText(value);
      }}
    />
  );
}

interface DateTimeFieldProps {
  /** Labels the day; the time of day is labelled "Hora" / "Time". */
  label?: ReactNode;
  /** For a field without a visible label (the post page's toolbar). */
  'aria-label'?: string;
  description?: ReactNode;
  error?: ReactNode;
  /** `yyyy-LL-dd'T'HH:mm` in the brand's zone, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** The brand's time zone, to warn when a time falls in the hour skipped by daylight saving. */
  zone: string;
  size?: MantineSize;
  clearable?: boolean;
  required?: boolean;
  /** The time a newly picked day gets when none was typed (09:00; a filter's start wants 00:00). */
  defaultTime?: string;
  'data-testid'?: string;
}

/**
 * A day and a time of day in the brand's zone. Picking a day keeps the time (09:00 when there was
 * none); clearing the day clears both. A time that does not exist that day in the brand's zone
 * (clocks going forward) is shown with the time it will be saved as.
 */
export function DateTimeField({
  label,
  'aria-label': ariaLabel,
  description,
  error,
  value,
  onChange,
  zone,
  size,
  clearable = true,
  required,
  defaultTime,
  'data-testid': testId,
}: DateTimeFieldProps) {
  const { t } = useTranslation();
  const { day, time } = splitLocalInput(value);
  const shifted = shiftedWallTime(value, zone);
  return (
    <div data-testid={testId}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <DayField
          label={label}
          aria-label={ariaLabel}
          error={error}
          value={day}
          onChange={(next) => onChange(joinLocalInput(next, time, defaultTime))}
          size={size}
          clearable={clearable && !required}
          required={required}
          w={label ? undefined : 150}
        />
        <TimeField
          label={label ? t('dates.time') : undefined}
          aria-label={ariaLabel ? `${ariaLabel} · ${t('dates.time')}` : undefined}
          value={time}
          disabled={!day}
          onChange={(next) => onChange(joinLocalInput(day, next))}
          size={size}
        />
      </Group>
      {description && (
        <Text size="xs" c="dimmed" mt={4}>
          {description}
        </Text>
      )}
      {shifted && (
        <Text size="xs" c="orange.8" mt={4} data-testid="dst-shift">
          {t('dates.skippedHour', { zone, time: shifted })}
        </Text>
      )}
    </div>
  );
}
