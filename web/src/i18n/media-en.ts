/** English messages for images the server refuses, by error code. */
export const mediaErrorsEn = {
  too_large: 'The file is too big: images can be at most 20 MB.',
  unsupported_media_type: 'This file type is not accepted: use PNG, JPEG, WebP or GIF images, or MP4 or MOV videos.',
  image_too_large: 'The image is too large ({{width}}×{{height}} pixels): at most {{maxSide}} pixels a side and {{megapixels}} megapixels.',
  image_undecodable: 'The image could not be read: the file is damaged, truncated or not really an image.',
  video_undecodable: 'The video could not be read: the file is damaged or is not an MP4 or MOV video.',
  upload_too_large: 'The file is too big: uploads can be at most {{maxMb}} MB.',
  upload_offset_mismatch: 'The upload got out of step; it will go on from the part the server already has.',
  upload_expired: 'This upload has expired. Start it again.',
  upload_already_complete: 'This upload is already complete.',
  media_link_invalid: 'This media link is not valid or has expired.',
  range_not_satisfiable: 'The requested part of the file lies beyond its end ({{size}} bytes).',
  // media library
  media_in_use: 'This file is used by posts that have not been published yet. Remove it from them (or cancel them) first.',
  crop_outside_image: 'That crop does not fit inside the picture. Move it or make it smaller.',
  crop_not_image: 'Only images can be cropped.',
};
