/** Textos en español de los detalles de escucha (filtro y totales del panel, fuentes, selector de canal). */
export const listeningDetailsEs = {
  allQueries: 'Todas las menciones',
  queryFilter: 'Consulta',
  totalMentions: 'Menciones',
  totalMentionsHelp: 'Todos los paneles cuentan estas menciones: el mismo periodo, la misma consulta, sin duplicados.',
  allMentionsLine: 'Todas las menciones',
  bySource: 'Por fuente',
  imported: 'Importadas (CSV)',
  removedSource: 'Fuente eliminada',
  noMentions: 'No hay menciones en este periodo.',
  termsSample: 'De las {{sampled}} menciones más recientes de {{total}}.',
  viewMentions: 'Ver estas menciones',
  channelPlaceholder: 'Elige un canal conectado',
  noChannels: 'Aún no hay ningún canal conectado que se pueda leer. Conecta uno en Canales primero.',
  connectChannel: 'Ir a Canales',
};

/** Textos en español de los códigos de error de escucha. */
export const listeningDetailsErrorsEs = {
  listening_channel_unknown: 'Ese canal no es de este espacio de trabajo. Elige uno de la lista.',
  listening_channel_unavailable: 'Ese canal está desconectado o archivado: vuelve a conectarlo en Canales o elige otro.',
};
