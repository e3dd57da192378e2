/** English strings of the network previews (features/posts/preview). */
export const previewsEn = {
  needsImage: 'Instagram publishes only posts with an image or a video: add one.',
  pinNeedsImage: 'A pin needs an image or a video: add one.',
  pinBoard: 'On the board {{board}}',
  seeMore: '… more',
  overLimit: '{{count}} characters over the limit of {{limit}}: {{network}} will refuse it.',
  carouselDot: 'Image {{index}} of {{count}}',
  linkCardTitle: 'Link to {{domain}}',
  linkCardNote: 'The network fetches the title and image itself when it publishes; Plaza shows the address only.',
  cropNote: '{{network}} shows images at {{ratio}}: the edges outside this frame are cut off.',
  blog: {
    byline: 'By {{author}}',
    continue: 'Continue reading →',
    untitled: '(no title)',
  },
  gallery: {
    blogTitle: 'Autumn at Café Aroma: the new menu',
    blogExcerpt: 'Cheesecake, slow-roast coffee and longer afternoons: what is new this season.',
    sampleTitle: 'Cheesecake and slow-roast coffee',
    title: 'How each network shows a post',
    intro: 'The same post as each network will show it: name and picture of the account, text limits, link cards and image crops.',
    sample:
      'Fresh cheesecake 🍰 and slow-roast coffee at Café Aroma. Menu and hours: https://www.cafearoma.example/menu See you this afternoon!',
  },
};
