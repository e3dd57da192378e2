/** English texts of the composer's post types, video uploads, carousels, first comments and network options. */
export const composerMediaEn = {
  postType: 'Type of post',
  postTypeHelp: 'Only the types this network publishes.',
  postTypeAuto: 'By the media (text, image or video)',
  postTypes: {
    text: 'Text',
    link: 'Link',
    image: 'Image',
    carousel: 'Carousel',
    video: 'Video',
    reel: 'Reel',
    story: 'Story',
    thread: 'Thread',
    document: 'Document',
  },
  firstComment: 'First comment',
  firstCommentHelp: 'Published as a comment right after the post (links and hashtags often go here).',
  lockedByAccount: 'Set by the account on the network: Plaza cannot change it.',
  accountChoicesHelp: 'Pick from those already in {{network}}, or type a new one and press Enter.',
  accountChoicesLoading: 'Reading them from the network…',
  addMedia: 'Add image or video',
  uploading: 'Uploading {{name}}: {{percent}} %',
  uploadResumed: 'The connection dropped; the upload goes on from where it stopped.',
  video: 'Video',
  moveUp: 'Move earlier',
  moveDown: 'Move later',
  carouselHint: 'Order of the carousel: the first item is the cover.',
  mediaByUrl: {
    public_url_missing:
      '{{network}} fetches images and videos from Plaza’s public address, and PUBLIC_URL is not set: posts with media cannot be published there. Set PUBLIC_URL to an address reachable from the internet.',
    public_url_not_public:
      '{{network}} fetches images and videos from Plaza’s public address, and PUBLIC_URL is not reachable from the internet: posts with media cannot be published there.',
  },
  firstCommentPublished: 'First comment published ({{id}})',
};
