import type { channelQuotaEn } from './channel-quota-en.ts';

/** La cuota diaria de la API de una red en la tarjeta del canal (YouTube), en español. */
export const channelQuotaEs: typeof channelQuotaEn = {
  title: 'Cuota de {{network}} hoy',
  bucket: {
    units: 'Unidades de la API (todo menos subidas y búsquedas)',
    uploads: 'Subidas (videos.insert)',
    search: 'Búsquedas',
  },
  used: '{{used}} de {{limit}}',
  resets: 'Se reinicia {{when}} (medianoche en la hora del Pacífico). Lo que no quepa espera hasta entonces.',
};
