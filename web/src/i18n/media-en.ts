/** English messages for images the server refuses, by error code. */
export const mediaErrorsEn = {
  too_large: 'The file is too big: images can be at most 20 MB.',
  unsupported_media_type: 'This file is not an accepted image: use PNG, JPEG, WebP or GIF.',
  image_too_large: 'The image is too large ({{width}}×{{height}} pixels): at most {{maxSide}} pixels a side and {{megapixels}} megapixels.',
  image_undecodable: 'The image could not be read: the file is damaged, truncated or not really an image.',
};
