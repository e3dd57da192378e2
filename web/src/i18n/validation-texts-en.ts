/**
 * Why a network refuses a post, by validation issue code (src/networks/validation.ts,
 * VALIDATION_ISSUE_TEXTS), with the params. The i18n coverage test checks every code has one.
 */
export const validationTextsEn = {
  empty_post: 'A post needs text or media.',
  text_too_long: 'The text is {{count}} characters long; {{network}} allows {{max}}.',
  text_too_many_bytes: 'The text takes more than {{maxBytes}} bytes (too many combined symbols).',
  too_many_images: 'At most {{max}} images.',
  too_many_media: 'At most {{max}} media items.',
  too_few_media: 'At least {{min}} media items.',
  too_many_links: 'At most {{max}} different links in one {{network}} post; this one has {{count}}.',
  document_too_large: 'Documents must be {{maxMb}} MB or smaller.',
  link_required: 'A link post needs a link (https://…) in its text.',
  image_too_large: 'Images must be {{maxMb}} MB or smaller.',
  video_too_large: 'Videos must be {{maxMb}} MB or smaller.',
  video_too_long: 'The video lasts {{seconds}} s; at most {{maxSeconds}} s.',
  video_too_short: 'The video lasts {{seconds}} s; at least {{minSeconds}} s.',
  unsupported_media_type: '{{type}} files are not accepted here.',
  unsupported_video_codec: 'The video codec {{codec}} is not accepted; use H.264.',
  aspect_ratio_out_of_range: 'The aspect ratio {{ratio}} is outside {{min}}–{{max}}.',
  alt_too_long: 'Alt text is limited to {{max}} characters.',
  mixed_media: 'Images and a video cannot go in the same post.',
  post_type_unsupported: '{{network}} does not publish {{postType}} posts.',
  media_required: 'A {{postType}} needs media.',
  first_comment_unsupported: '{{network}} does not take a first comment.',
  first_comment_too_long: 'The first comment is limited to {{max}} characters.',
  thread_unsupported: '{{network}} does not publish threads.',
  option_invalid: 'The option {{option}} has a value that is not allowed.',
  visibility_unsupported: '{{network}} posts are always public; “{{visibility}}” is not available.',
  invalid_visibility: 'Unknown visibility “{{visibility}}” (use {{allowed}}).',
  gif_not_alone: 'On {{network}} a GIF must be the only attachment of its post.',
  content_warning_too_long: 'The content warning has {{count}} characters; at most {{max}}.',
  publication_id_too_long: 'The publication id is too long for this network.',
  channel_disconnected: 'This channel is disconnected: reconnect it or remove it from the post.',
  board_required: 'A pin needs a board: connect the channel to a board or choose one for this pin.',
  title_too_long: 'The title is {{count}} characters long; {{network}} allows {{max}}.',
  link_invalid: 'The link must be a full web address (https://…).',
  privacy_required: 'Choose who can see this post: {{network}} asks for it on every post.',
  option_not_allowed_for_account: 'The account on the network does not allow “{{value}}” here ({{option}}); choose another value.',
  title_required: '{{network}} needs a title.',
  angle_brackets_not_allowed: '{{network}} does not accept < or > in the {{part}}.',
  tags_too_long: 'The tags take {{count}} characters; at most {{max}}.',
  short_not_vertical: 'A Short must be vertical or square.',
  field_required: 'The option {{option}} is needed for this kind of post.',
  date_range_invalid: 'The end must come after the start (dates as YYYY-MM-DD, times as HH:MM).',
  call_to_action_url_required: 'This button needs a link (https://…).',
};

/** Where in a post an issue is, from its field ("thread[0].text" → the thread's second post). */
export const validationPlacesEn = {
  threadPart: 'Thread post {{n}}',
  media: 'Image {{n}}',
  alt: 'Alt text of image {{n}}',
};

/** Why the best-time suggestion has no hour (src/lib/best-time-reasons.ts), by code. */
export const bestTimeReasonsEn = {
  not_enough_posts: 'No suggestion yet: each hour needs at least {{minSample}} published posts measured at 24 h.',
  no_best_cell: 'No suggestion: none of the best hours falls in the next week.',
};
