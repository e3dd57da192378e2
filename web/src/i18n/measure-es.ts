import type { measureEn } from './measure-en.ts';
import type { Dictionary } from './en.ts';

/** Textos en español de las primeras métricas, el periodo de gracia de los objetivos y los gráficos. */
export const measureEs: Dictionary<typeof measureEn> = {
  waiting: {
    title: 'Esperando las primeras métricas',
    expected: 'Llegarán hacia las {{time}}.',
    soon: 'Llegarán en cualquier momento.',
    explain:
      'Plaza lee las primeras cifras de una publicación {{minutes}} minutos después de publicarla, y luego a la hora, a las 6 h, a las 24 h, a los 3 días, a los 7 días y a los 30 días.',
    overview:
      'Publicaciones de este periodo que aún esperan sus primeras métricas: {{count}} (llegarán hacia las {{time}}). Las cifras de abajo aún no las incluyen.',
  },
  objective: {
    tooEarly: 'En marcha',
    judgingFrom: 'Se valorará a partir del {{date}}',
    grace:
      'Un objetivo nuevo no se valora durante el primer 20 % de su periodo (7 días como máximo): una previsión de pocos días dice poco.',
  },
  reasons: {
    noMentions: 'No hay menciones en este periodo',
    noVoiceMentions: 'No hay menciones de la marca ni de la competencia en este periodo',
  },
};
