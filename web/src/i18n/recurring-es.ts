import type { Dictionary } from './en.ts';
import type { recurringEn } from './recurring-en.ts';

/** Publicaciones periódicas y reciclaje de publicaciones atemporales. */
export const recurringEs: Dictionary<typeof recurringEn> = {
  repeat: 'Repetir',
  kinds: {
    none: 'No se repite',
    daily: 'Todos los días',
    weekly: 'Cada semana, los…',
    monthlyDay: 'Cada mes, el día {{day}}',
    monthlyLast: 'Cada mes, el último {{weekday}}',
    custom: 'Regla personalizada (RRULE)…',
  },
  weekdays: { 1: 'lunes', 2: 'martes', 3: 'miércoles', 4: 'jueves', 5: 'viernes', 6: 'sábado', 7: 'domingo' },
  weekdaysShort: { 1: 'lun', 2: 'mar', 3: 'mié', 4: 'jue', 5: 'vie', 6: 'sáb', 7: 'dom' },
  customLabel: 'Regla de repetición',
  customHelp: 'Una RRULE de iCalendar; por ejemplo, un martes sí y otro no: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  ends: 'Termina',
  endsCount: 'Tras un número de veces',
  endsUntil: 'En una fecha',
  endsNever: 'Nunca',
  help: 'Cada repetición es una publicación propia, a esta hora en el reloj de la marca, también cuando cambia la hora.',
  neverHelp: 'Plaza mantiene creadas las publicaciones de los próximos 60 días y añade más a medida que pasa el tiempo.',
  needStart: 'Elige la fecha y la hora de la primera publicación.',
  create: 'Programar publicación periódica',
  badge: 'Periódica',
  icon: 'Se repite',
  onPost: 'Esta publicación se repite: {{rule}}',
  occurrences: '{{total}} publicaciones creadas, {{published}} publicadas',
  stop: 'Dejar de repetir',
  stopConfirm: '¿Borrar las próximas publicaciones de esta serie que aún no han salido? Las pasadas y las editadas se quedan.',
  stopped: 'Esta serie se detuvo.',
  detached: 'Editada por separado: los cambios a toda la serie no la tocan.',
  evergreen: 'Atemporal',
  evergreenHelp: 'Las colas que reciclan pueden volver a compartirla más adelante, con sus textos alternativos.',
};
