import { Chip, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { buildRule, type RepeatChoice, type RepeatEnd, type RepeatKind, startParts } from './repeat-rule.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The composer's "Repeat": daily, weekly on days, monthly on a day or on its last weekday, or a custom rule. */
export function RepeatControl({
  value,
  onChange,
  startsLocal,
}: {
  value: RepeatChoice;
  onChange: (next: RepeatChoice) => void;
  startsLocal: string;
}) {
  const { t } = useTranslation();
  const start = startParts(startsLocal);
  const weekdayName = start ? t(`recurring.weekdays.${start.weekday}`) : '';
  const set = (patch: Partial<RepeatChoice>) => onChange({ ...value, ...patch });
  const rule = buildRule(value, startsLocal);
  return (
    <Stack gap="xs" data-testid="repeat-control">
      <Select
        label={t('recurring.repeat')}
        data-testid="repeat-kind"
        value={value.kind}
        allowDeselect={false}
        onChange={(kind) =>
          set({
            kind: (kind ?? 'none') as RepeatKind,
            weekdays: kind === 'weekly' && start && !value.weekdays.length ? [start.weekday] : value.weekdays,
          })
        }
        data={[
          { value: 'none', label: t('recurring.kinds.none') },
          { value: 'daily', label: t('recurring.kinds.daily') },
          { value: 'weekly', label: t('recurring.kinds.weekly') },
          { value: 'monthly_day', label: t('recurring.kinds.monthlyDay', { day: start?.day ?? '…' }) },
          { value: 'monthly_last', label: t('recurring.kinds.monthlyLast', { weekday: weekdayName || '…' }) },
          { value: 'custom', label: t('recurring.kinds.custom') },
        ]}
      />
      {value.kind === 'weekly' && (
        <Chip.Group multiple value={value.weekdays.map(String)} onChange={(days) => set({ weekdays: days.map(Number) })}>
          <Group gap={4} data-testid="repeat-weekdays">
            {WEEKDAYS.map((d) => (
              <Chip key={d} value={String(d)} size="xs">
                {t(`recurring.weekdaysShort.${d}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {value.kind === 'custom' && (
        <TextInput
          label={t('recurring.customLabel')}
          description={t('recurring.customHelp')}
          placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
          value={value.custom}
          onChange={(e) => set({ custom: e.currentTarget.value })}
        />
      )}
      {value.kind !== 'none' && value.kind !== 'custom' && (
        <Group align="flex-end" gap="xs">
          <Select
            label={t('recurring.ends')}
            w={180}
            value={value.end}
            allowDeselect={false}
            onChange={(end) => set({ end: (end ?? 'count') as RepeatEnd })}
            data={[
              { value: 'count', label: t('recurring.endsCount') },
              { value: 'until', label: t('recurring.endsUntil') },
              { value: 'never', label: t('recurring.endsNever') },
            ]}
          />
          {value.end === 'count' && (
            <NumberInput
              aria-label={t('recurring.endsCount')}
              w={100}
              min={1}
              max={1000}
              value={value.count}
              onChange={(n) => set({ count: Number(n) || 1 })}
            />
          )}
          {value.end === 'until' && (
            <TextInput
              aria-label={t('recurring.endsUntil')}
              type="date"
              w={170}
              value={value.until}
              onChange={(e) => set({ until: e.currentTarget.value })}
            />
          )}
        </Group>
      )}
      {value.kind !== 'none' && (
        <Text size="xs" c="dimmed">
          {!start
            ? t('recurring.needStart')
            : value.end === 'never' && value.kind !== 'custom'
              ? t('recurring.neverHelp')
              : t('recurring.help')}
          {rule ? ` (${rule})` : ''}
        </Text>
      )}
    </Stack>
  );
}
