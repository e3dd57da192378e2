/** Link cards read by Plaza (issue 16, part 5). */
export const linkToolsEn = {
  cardRead: 'Plaza read this card from the page (its title and description); each network reads the page again when it publishes.',
  cardImage: 'The page has an image for its card',
};
