/** English names for values pages would otherwise print raw (language codes of mentions) and empty filters. */
export const labelsEn = {
  filters: { anyState: 'Any status', anyChannel: 'All channels', anyCampaign: 'All campaigns', anyAuthor: 'Anyone' },
  languages: { other: 'Other language', und: 'Unknown language' },
};
