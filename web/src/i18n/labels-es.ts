import type { Dictionary } from './en.ts';
import type { labelsEn } from './labels-en.ts';

/** Nombres para valores que las páginas mostrarían en bruto (códigos de idioma de las menciones). */
export const labelsEs: Dictionary<typeof labelsEn> = {
  filters: { anyState: 'Cualquier estado', anyChannel: 'Todos los canales', anyCampaign: 'Todas las campañas', anyAuthor: 'Cualquiera' },
  languages: { other: 'Otro idioma', und: 'Idioma desconocido' },
};
