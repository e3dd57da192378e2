/** English strings of the network previews (features/posts/preview). */
export const previewsEn = {
  video: 'Video',
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
  youtube: {
    noThumbnail: 'No thumbnail: YouTube picks a frame of the video. Add an image to choose it.',
    untitled: 'Untitled video',
    titleNote: 'The title is the first line; the rest is the description.',
    titleCut:
      'The first line is longer than YouTube’s {{limit}} characters: the title is cut there. Keep it short or put the title on its own line.',
  },
  googleBusiness: {
    update: 'Update',
    where: 'Shown on Google Search and Maps.',
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
