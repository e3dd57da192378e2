/**
 * What a Google Business Profile local post takes, checked before saving. From the My Business API
 * v4 LocalPost reference and the Business Profile help centre: the summary up to 1,500 characters;
 * one photo (JPEG or PNG, 10 KB to 5 MB, fetched by Google from a public URL); posts of type
 * standard (“update”), event (title and schedule) and offer (title, schedule, optional coupon code,
 * link and terms); a call to action button (Book, Order online, Buy, Learn more, Sign up: with a
 * link; Call now: the listing's phone) on standard and event posts.
 */
import type { NetworkCapabilities, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';
import { validationIssue } from '../validation.ts';

export const GBP_MAX_SUMMARY_CHARS = 1500;
export const GBP_MAX_TITLE_CHARS = 58;
export const GBP_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const GBP_IMAGE_TYPES = ['image/jpeg', 'image/png'];
const NETWORK = 'Google Business Profile';

export const GBP_TOPICS = ['STANDARD', 'EVENT', 'OFFER'] as const;
export const GBP_ACTIONS = ['NONE', 'LEARN_MORE', 'BOOK', 'ORDER', 'SHOP', 'SIGN_UP', 'CALL'] as const;

export const GBP_LIMITS: NetworkLimits = {
  maxChars: GBP_MAX_SUMMARY_CHARS,
  maxImages: 1,
  maxImageBytes: GBP_MAX_IMAGE_BYTES,
  acceptedImageTypes: GBP_IMAGE_TYPES,
  maxAltChars: 0,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  postsPerMinutePerChannel: 5,
  // The slot is taken right before the post's request, after the look-up for an earlier attempt's post (adapter.ts).
  takesPostingSlot: true,
};

const dateHint = { en: 'YYYY-MM-DD', es: 'AAAA-MM-DD' };

export const GBP_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'image'],
  maxCarouselItems: 1,
  firstComment: false,
  // Google fetches the photo from its public URL (PUBLIC_URL must be reachable from the internet).
  mediaByUrl: true,
  charCounting: 'code-points',
  options: [
    {
      name: 'topicType',
      kind: 'select',
      values: [...GBP_TOPICS],
      default: 'STANDARD',
      label: { en: 'Kind of post', es: 'Tipo de publicación' },
      valueLabels: {
        STANDARD: { en: 'Update', es: 'Novedad' },
        EVENT: { en: 'Event', es: 'Evento' },
        OFFER: { en: 'Offer', es: 'Oferta' },
      },
    },
    { name: 'eventTitle', kind: 'text', label: { en: 'Event or offer title', es: 'Título del evento o la oferta' } },
    { name: 'startDate', kind: 'text', label: { en: `Starts (${dateHint.en})`, es: `Empieza (${dateHint.es})` } },
    { name: 'startTime', kind: 'text', label: { en: 'Start time (HH:MM, optional)', es: 'Hora de inicio (HH:MM, opcional)' } },
    { name: 'endDate', kind: 'text', label: { en: `Ends (${dateHint.en})`, es: `Termina (${dateHint.es})` } },
    { name: 'endTime', kind: 'text', label: { en: 'End time (HH:MM, optional)', es: 'Hora de fin (HH:MM, opcional)' } },
    {
      name: 'callToAction',
      kind: 'select',
      values: [...GBP_ACTIONS],
      default: 'NONE',
      label: { en: 'Button', es: 'Botón' },
      valueLabels: {
        NONE: { en: 'No button', es: 'Sin botón' },
        LEARN_MORE: { en: 'Learn more', es: 'Más información' },
        BOOK: { en: 'Book', es: 'Reservar' },
        ORDER: { en: 'Order online', es: 'Pedir online' },
        SHOP: { en: 'Buy', es: 'Comprar' },
        SIGN_UP: { en: 'Sign up', es: 'Registrarse' },
        CALL: { en: 'Call now', es: 'Llamar' },
      },
    },
    { name: 'actionUrl', kind: 'text', label: { en: 'Button link (https://…)', es: 'Enlace del botón (https://…)' } },
    { name: 'couponCode', kind: 'text', label: { en: 'Coupon code (offers)', es: 'Código de cupón (ofertas)' } },
    { name: 'redeemUrl', kind: 'text', label: { en: 'Redeem online link (offers)', es: 'Enlace para canjear (ofertas)' } },
    { name: 'terms', kind: 'text', label: { en: 'Terms and conditions (offers)', es: 'Términos y condiciones (ofertas)' } },
  ],
};

const option = (input: PublishInput, name: string): string => {
  const value = input.options?.network?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

export function gbpTopic(input: PublishInput): (typeof GBP_TOPICS)[number] {
  const topic = option(input, 'topicType');
  return (GBP_TOPICS as readonly string[]).includes(topic) ? (topic as (typeof GBP_TOPICS)[number]) : 'STANDARD';
}

/** A date option as Google's Date, or null when it is not YYYY-MM-DD. */
export function parseDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
}

export function parseTime(value: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? { hours, minutes } : null;
}

const isHttpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === 'https:' || new URL(value).protocol === 'http:';
  } catch {
    return false;
  }
};

export function validateGbpPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const count = [...input.text].length;
  if (count > GBP_MAX_SUMMARY_CHARS)
    issues.push(validationIssue('text', 'text_too_long', { network: NETWORK, count, max: GBP_MAX_SUMMARY_CHARS }));
  if (input.thread?.length) issues.push(validationIssue('thread', 'thread_unsupported', { network: NETWORK }));
  if (input.firstComment) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network: NETWORK }));
  if (input.postType && !GBP_CAPABILITIES.postTypes.includes(input.postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network: NETWORK, postType: input.postType }));
  if (input.media.length > 1) issues.push(validationIssue('media', 'too_many_images', { max: 1 }));
  input.media.forEach((media, index) => {
    if (!GBP_IMAGE_TYPES.includes(media.mimeType))
      issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: media.mimeType }));
    if (media.size > GBP_MAX_IMAGE_BYTES) issues.push(validationIssue(`media.${index}`, 'image_too_large', { maxMb: 5 }));
  });
  const topic = option(input, 'topicType');
  if (topic && !(GBP_TOPICS as readonly string[]).includes(topic))
    issues.push(validationIssue('options.topicType', 'option_invalid', { option: 'topicType' }));
  if (gbpTopic(input) === 'STANDARD' && input.text.trim() === '' && input.media.length === 0)
    issues.push(validationIssue('text', 'empty_post'));
  if (gbpTopic(input) !== 'STANDARD') {
    const title = option(input, 'eventTitle');
    if (!title) issues.push(validationIssue('options.eventTitle', 'field_required', { option: 'eventTitle' }));
    else if ([...title].length > GBP_MAX_TITLE_CHARS)
      issues.push(
        validationIssue('options.eventTitle', 'title_too_long', { network: NETWORK, count: [...title].length, max: GBP_MAX_TITLE_CHARS }),
      );
    const start = parseDate(option(input, 'startDate'));
    const end = parseDate(option(input, 'endDate'));
    if (!start) issues.push(validationIssue('options.startDate', 'field_required', { option: 'startDate' }));
    if (!end) issues.push(validationIssue('options.endDate', 'field_required', { option: 'endDate' }));
    const startTime = option(input, 'startTime');
    const endTime = option(input, 'endTime');
    if (
      (startTime && !parseTime(startTime)) ||
      (endTime && !parseTime(endTime)) ||
      (start && end && `${option(input, 'startDate')}T${startTime || '00:00'}` > `${option(input, 'endDate')}T${endTime || '23:59'}`)
    )
      issues.push(validationIssue('options.endDate', 'date_range_invalid'));
  }
  const action = option(input, 'callToAction') || 'NONE';
  if (!(GBP_ACTIONS as readonly string[]).includes(action))
    issues.push(validationIssue('options.callToAction', 'option_invalid', { option: 'callToAction' }));
  else if (action !== 'NONE' && action !== 'CALL' && !isHttpsUrl(option(input, 'actionUrl')))
    issues.push(validationIssue('options.actionUrl', 'call_to_action_url_required'));
  if (gbpTopic(input) === 'OFFER' && action !== 'NONE')
    issues.push(validationIssue('options.callToAction', 'option_invalid', { option: 'callToAction' }));
  const redeem = option(input, 'redeemUrl');
  if (redeem && !isHttpsUrl(redeem)) issues.push(validationIssue('options.redeemUrl', 'option_invalid', { option: 'redeemUrl' }));
  return issues;
}
