/** English names for values pages would otherwise print raw (language codes of mentions). */
export const labelsEn = {
  languages: { other: 'Other language', und: 'Unknown language' },
};
