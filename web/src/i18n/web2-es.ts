import type { web2En } from './web2-en.ts';

/** Textos en español del modo de edición del redactor, opciones por red, selectores de estrategia y extras del calendario. */
export const web2Es: typeof web2En = {
  editTitle: 'Editar publicación',
  editing:
    'Estás editando una publicación en estado «{{state}}». Al guardar se actualizan sus canales; si requiere aprobación, vuelve a revisión.',
  saveChanges: 'Guardar cambios',
  edit: 'Editar',
  cannotEdit: 'Una publicación en estado «{{state}}» ya no se puede editar.',
  openDetails: 'Ver detalles',
  options: 'Opciones para {{name}}',
  visibility: 'Visibilidad',
  visibilities: {
    default: 'Predeterminada de la red',
    public: 'Pública',
    unlisted: 'No listada',
    private: 'Solo seguidores',
    direct: 'Solo personas mencionadas',
  },
  contentWarning: 'Aviso de contenido',
  contentWarningHelp: 'Se muestra antes del texto; quien lee abre la publicación para verlo.',
  noOptions: '{{name}} no tiene opciones por publicación.',
  strategy: 'Estrategia',
  campaign: 'Campaña',
  objective: 'Objetivo',
  segment: 'Segmento de audiencia',
  pillar: 'Pilar de contenido',
  none: 'Ninguno',
  suggestTime: 'Sugerir una hora',
  suggested: 'Sugerida según las mejores horas de esta marca: {{when}}.',
  noSuggestion: 'Aún no hay sugerencia: la marca necesita más publicaciones con resultados medidos.',
  newOnDay: 'Nueva publicación el {{day}}',
};
