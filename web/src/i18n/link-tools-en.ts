/** Link cards read by Plaza (issue 16, part 5). */
export const linkToolsEn = {
  cardRead: 'Plaza read this card from the page (its title and description); each network reads the page again when it publishes.',
  cardImage: 'The page has an image for its card',
  shortenAll_one: 'Shorten and tag the link in the text',
  shortenAll_other: 'Shorten and tag all {{count}} links in the text',
  shortenedAll_one: '{{count}} link in the text is now a tracked short link.',
  shortenedAll_other: '{{count}} links in the text are now tracked short links.',
};
