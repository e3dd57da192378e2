import type { Dictionary } from './en.ts';
import type { datesEn } from './dates-en.ts';

/** Textos de los selectores de fecha (shared/DateFields.tsx). */
export const datesEs: Dictionary<typeof datesEn> = {
  time: 'Hora',
  skippedHour: 'Esa hora no existe ese día en {{zone}} (se adelantan los relojes): se guardará como las {{time}}.',
};
