import { useMemo } from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * How a post's state looks everywhere (posts list, calendar): a colour and a glyph besides the words,
 * so the status reads at a glance and not by colour alone. Hex colours keep white text above WCAG AA.
 */
export const STATE_LOOK: Record<string, { color: string; hex: string; glyph: string }> = {
  draft: { color: 'gray', hex: '#5c636a', glyph: '✎' },
  in_review: { color: 'yellow', hex: '#a35200', glyph: '◔' },
  approved: { color: 'teal', hex: '#087f5b', glyph: '✓' },
  scheduled: { color: 'blue', hex: '#1864ab', glyph: '◷' },
  publishing: { color: 'cyan', hex: '#0b7285', glyph: '↻' },
  published: { color: 'green', hex: '#2b8a3e', glyph: '●' },
  failed: { color: 'red', hex: '#c92a2a', glyph: '✕' },
  canceled: { color: 'dark', hex: '#343a40', glyph: '⊘' },
};

/** A state's words; "approved" says it is not scheduled (approval alone never publishes). */
export function useStateLabel(): (state: string) => string {
  const { t } = useTranslation();
  // Stable while the language is: the calendar rebuilds its events when this changes. Each state is
  // worded once per language (a month of posts asks for the same few words hundreds of times).
  return useMemo(() => {
    const words = new Map<string, string>();
    return (state: string) => {
      let text = words.get(state);
      if (text === undefined) {
        text = state === 'approved' ? t('shellUi.calendar.approvedNotScheduled') : t(`states.${state}`);
        words.set(state, text);
      }
      return text;
    };
  }, [t]);
}

/** A post's status as a badge: colour, glyph and words. */
export function StatusBadge({ state }: { state: string }) {
  const label = useStateLabel();
  const look = STATE_LOOK[state] ?? STATE_LOOK.draft;
  return (
    <Badge
      color={look.color}
      variant={state === 'approved' ? 'outline' : 'light'}
      leftSection={<span aria-hidden>{look.glyph}</span>}
      tt="none"
      data-state={state}
      style={state === 'approved' ? { borderStyle: 'dashed' } : undefined}
    >
      {label(state)}
    </Badge>
  );
}
