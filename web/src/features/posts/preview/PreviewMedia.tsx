import { useState, type CSSProperties, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One media item of a preview: a picture, or a video with its first frame as the poster and the
 * browser's controls. A post's media list does not always say which is which (publications and
 * client links carry ids and alt text only), so an item the browser cannot show as an image (a
 * video) is shown again as a `<video>` instead of a broken picture.
 */
export function PreviewMedia({
  url,
  alt,
  kind,
  style,
  onAspect,
}: {
  url: string;
  alt: string;
  kind?: 'image' | 'video';
  style?: CSSProperties;
  /** Width / height once known (images: natural size; videos: their frame). */
  onAspect?(ratio: number): void;
}) {
  const { t } = useTranslation();
  const [asVideo, setAsVideo] = useState(kind === 'video');
  const fill: CSSProperties = { width: '100%', height: '100%', objectFit: 'cover', display: 'block', ...style };
  if (asVideo)
    return (
      // #t=0.1: the browser draws that frame as the poster once the metadata is in.
      <video
        src={`${url}#t=0.1`}
        controls
        preload="metadata"
        playsInline
        muted
        aria-label={alt || t('previews.video')}
        data-testid="preview-video"
        style={{ ...fill, background: '#000', objectFit: 'contain' }}
        onLoadedMetadata={(e: SyntheticEvent<HTMLVideoElement>) =>
          onAspect?.(e.currentTarget.videoWidth / Math.max(1, e.currentTarget.videoHeight))
        }
      />
    );
  return (
    <img
      src={url}
      alt={alt}
      style={fill}
      onLoad={(e) => onAspect?.(e.currentTarget.naturalWidth / Math.max(1, e.currentTarget.naturalHeight))}
      onError={() => setAsVideo(true)}
    />
  );
}
