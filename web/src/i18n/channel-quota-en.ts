/** A network's daily API quota on the channel's card (YouTube), in English. */
export const channelQuotaEn = {
  title: '{{network}} quota today',
  bucket: {
    units: 'API units (everything but uploads and searches)',
    uploads: 'Uploads (videos.insert)',
    search: 'Searches',
  },
  used: '{{used}} of {{limit}}',
  resets: 'Resets {{when}} (midnight Pacific time). Work that would not fit waits until then.',
};
