/** English strings of the listening details (dashboard filter and totals, sources panel, channel picker). */
export const listeningDetailsEn = {
  allQueries: 'All mentions',
  queryFilter: 'Query',
  totalMentions: 'Mentions',
  totalMentionsHelp: 'Every panel counts these mentions: the same period, the same query, duplicates left out.',
  allMentionsLine: 'All mentions',
  bySource: 'By source',
  imported: 'Imported (CSV)',
  removedSource: 'Removed source',
  noMentions: 'No mentions in this period.',
  termsSample: 'From the newest {{sampled}} of {{total}} mentions.',
  viewMentions: 'See these mentions',
  channelPlaceholder: 'Pick a connected channel',
  noChannels: 'No connected channel can be read yet. Connect one in Channels first.',
  connectChannel: 'Go to Channels',
};

/** English texts of the listening error codes. */
export const listeningDetailsErrorsEn = {
  listening_channel_unknown: 'That channel is not one of this workspace’s channels. Pick one from the list.',
  listening_channel_unavailable: 'That channel is disconnected or archived: reconnect it in Channels, or pick another one.',
};
