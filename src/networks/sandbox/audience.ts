/**
 * The sandbox's simulated audience. Everything here is a pure function of the
 * seed, the stored post or account, and the time asked about: nothing runs on a
 * timer, so metrics, follower counts and mentions are reproducible and cost
 * nothing until someone reads them.
 */
import { normalHash, unitHash } from './prng.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Relative audience activity per local hour (0-23): quiet at night, peaks at lunch and evening. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.35, 0.25, 0.18, 0.14, 0.12, 0.15, 0.3, 0.55, 0.8, 0.9, 0.95, 1.0, 1.15, 1.25, 1.2, 1.0, 0.95, 1.0, 1.1, 1.3, 1.45, 1.5, 1.25, 0.7,
];

/** Relative activity per local weekday, Sunday = 0. */
export const WEEKDAY_WEIGHTS: readonly number[] = [0.9, 1.0, 1.05, 1.05, 1.05, 1.0, 0.85];

/** Hours until ~63% of a metric's final value has accrued (1 - e^-t/tau). */
const ACCRUAL_HOURS = { impressions: 2, reach: 2, likes: 3, reposts: 3, quotes: 4, replies: 4, clicks: 2.5 } as const;

export interface ContentFeatures {
  length: number;
  hasMedia: boolean;
  hasQuestion: boolean;
  hashtagCount: number;
  hasLink: boolean;
  /** A thread follow-up or a reply reaches far fewer people than a root post. */
  isReply: boolean;
}

/** What the audience model needs to know about a post. */
export interface AudiencePost {
  id: string;
  accountHandle: string;
  text: string;
  createdAt: number;
  deletedAt: number | null;
  followersAtPost: number;
  localHour: number;
  localWeekday: number;
  features: ContentFeatures;
}

/** What the audience model needs to know about an account. */
export interface AudienceAccount {
  handle: string;
  createdAt: number;
  baseFollowers: number;
  timeZone: string;
}

export interface MetricCounts {
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  impressions: number;
  reach: number;
  clicks: number;
}

/** Reads the features of a post's content that move its simulated engagement. */
export function contentFeatures(text: string, mediaCount: number, isReply: boolean): ContentFeatures {
  return {
    length: Array.from(text).length,
    hasMedia: mediaCount > 0,
    hasQuestion: text.includes('?'),
    hashtagCount: (text.match(/(^|\s)#[\p{L}\p{N}_]+/gu) ?? []).length,
    hasLink: /https?:\/\/\S+/i.test(text),
    isReply,
  };
}

const localTimeFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Throws a RangeError when the IANA time zone is unknown. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = localTimeFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    localTimeFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Zone offsets and their changes fall on quarter hours, so local hour and weekday
// are constant within a UTC quarter hour: one Intl lookup per zone and quarter.
const QUARTER_HOUR_MS = 900_000;
const localTimeCache = new Map<string, { hour: number; weekday: number }>();

/** Hour (0-23) and weekday (Sunday = 0) of an instant in a time zone. */
export function localTimeParts(instantMs: number, timeZone: string): { hour: number; weekday: number } {
  const cacheKey = `${timeZone}|${Math.floor(instantMs / QUARTER_HOUR_MS)}`;
  const cached = localTimeCache.get(cacheKey);
  if (cached) return cached;
  let hour = 0;
  let weekday = 0;
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'weekday') weekday = WEEKDAY_INDEX[part.value] ?? 0;
  }
  if (localTimeCache.size > 50_000) localTimeCache.clear();
  const parts = { hour, weekday };
  localTimeCache.set(cacheKey, parts);
  return parts;
}

/** Followers an account starts with, log-uniform between 300 and 20,000, fixed by seed and handle. */
export function defaultBaseFollowers(seed: number, handle: string): number {
  const u = unitHash(seed, 'base-followers', handle);
  return Math.round(Math.exp(Math.log(300) + u * (Math.log(20_000) - Math.log(300))));
}

/** Day index (UTC days since the epoch) of an instant. */
export function dayIndex(instantMs: number): number {
  return Math.floor(instantMs / DAY_MS);
}

export interface FollowerDay {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  followers: number;
  gained: number;
  lost: number;
}

/**
 * Follower counts per day from the account's creation day to `untilDay`
 * (inclusive). Each new day adds followers in proportion to the audience and to
 * the posts published the day before, and loses a small share: deterministic
 * for a seed.
 */
export function followerHistory(
  seed: number,
  account: AudienceAccount,
  untilDay: number,
  postsOnDay: (day: number) => number,
): FollowerDay[] {
  const history: FollowerDay[] = [];
  walkFollowerDays(seed, account, untilDay, postsOnDay, (day, followers, gained, lost) => {
    history.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), followers, gained, lost });
  });
  return history;
}

/** Followers on the day of `instantMs` (the starting base before the account's creation day). */
export function followersAt(seed: number, account: AudienceAccount, instantMs: number, postsOnDay: (day: number) => number): number {
  return walkFollowerDays(seed, account, dayIndex(instantMs), postsOnDay);
}

/** Steps through the days, calling `visit` for each; returns the followers on the last day. */
function walkFollowerDays(
  seed: number,
  account: AudienceAccount,
  untilDay: number,
  postsOnDay: (day: number) => number,
  visit?: (day: number, followers: number, gained: number, lost: number) => void,
): number {
  const firstDay = dayIndex(account.createdAt);
  let followers = account.baseFollowers;
  for (let day = firstDay; day <= untilDay; day++) {
    let gained = 0;
    let lost = 0;
    if (day > firstDay) {
      const growth = 0.0015 + 0.004 * unitHash(seed, 'gain', account.handle, day);
      const churn = 0.0008 + 0.0025 * unitHash(seed, 'loss', account.handle, day);
      const postBoost = postsOnDay(day - 1) * (1 + 3 * unitHash(seed, 'post-boost', account.handle, day));
      gained = Math.round(followers * growth + postBoost);
      lost = Math.min(followers, Math.round(followers * churn));
      followers += gained - lost;
    }
    visit?.(day, followers, gained, lost);
  }
  return followers;
}

/** The totals a post tends towards as time passes (floats; counts are floored on read). */
export function finalTotals(seed: number, post: AudiencePost): MetricCounts {
  const f = post.features;
  const when = HOUR_WEIGHTS[post.localHour] * WEEKDAY_WEIGHTS[post.localWeekday];
  const quality = Math.exp(0.45 * normalHash(seed, 'quality', post.id));
  const lengthFactor = f.length < 20 ? 0.7 : f.length <= 200 ? 1 : f.length <= 350 ? 0.9 : 0.75;
  const hashtagFactor = f.hashtagCount > 5 ? 0.8 : 1 + 0.1 * Math.min(f.hashtagCount, 3);
  const replyFactor = f.isReply ? 0.35 : 1;
  const reach = post.followersAtPost * 0.3 * when * quality * (f.hasMedia ? 1.35 : 1) * hashtagFactor * lengthFactor * replyFactor;
  const impressions = reach * (1.3 + 0.4 * unitHash(seed, 'impressions', post.id));
  const likes = reach * 0.045 * (f.hasMedia ? 1.4 : 1) * lengthFactor * (0.8 + 0.4 * unitHash(seed, 'likes', post.id));
  const replies = reach * 0.006 * (f.hasQuestion ? 2.5 : 1) * (0.7 + 0.6 * unitHash(seed, 'replies', post.id));
  const reposts = reach * 0.008 * (f.hasMedia ? 1.3 : 1) * (0.7 + 0.6 * unitHash(seed, 'reposts', post.id));
  const quotes = reposts * 0.2;
  const clicks = impressions * (f.hasLink ? 0.015 : 0.002);
  return { likes, replies, reposts, quotes, impressions, reach, clicks };
}

function accrued(total: number, elapsedHours: number, tauHours: number): number {
  return Math.floor(total * (1 - Math.exp(-elapsedHours / tauHours)));
}

/** Hours a post has been live at `nowMs`; a deleted post stops accruing when deleted. */
function liveHours(post: AudiencePost, nowMs: number): number {
  const end = post.deletedAt === null ? nowMs : Math.min(nowMs, post.deletedAt);
  return Math.max(0, end - post.createdAt) / HOUR_MS;
}

/** A post's counts at `nowMs`: each metric accrues towards its total, never decreasing. */
export function metricsAt(seed: number, post: AudiencePost, nowMs: number): MetricCounts {
  const totals = finalTotals(seed, post);
  const hours = liveHours(post, nowMs);
  return {
    likes: accrued(totals.likes, hours, ACCRUAL_HOURS.likes),
    replies: accrued(totals.replies, hours, ACCRUAL_HOURS.replies),
    reposts: accrued(totals.reposts, hours, ACCRUAL_HOURS.reposts),
    quotes: accrued(totals.quotes, hours, ACCRUAL_HOURS.quotes),
    impressions: accrued(totals.impressions, hours, ACCRUAL_HOURS.impressions),
    reach: accrued(totals.reach, hours, ACCRUAL_HOURS.reach),
    clicks: accrued(totals.clicks, hours, ACCRUAL_HOURS.clicks),
  };
}

// ---------------------------------------------------------------------------
// Mentions and replies from the simulated audience
// ---------------------------------------------------------------------------

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface SimulatedMention {
  id: string;
  authorHandle: string;
  authorName: string;
  text: string;
  createdAt: number;
  /** The account's post this replies to; absent for a plain mention. */
  inReplyTo?: string;
  language: 'es' | 'en';
  /** The sentiment the simulator meant, useful to evaluate a sentiment model in demos. */
  sentiment: Sentiment;
}

const FIRST_NAMES = [
  'Lucía',
  'Mateo',
  'Sofía',
  'Hugo',
  'Martina',
  'Leo',
  'Valeria',
  'Daniel',
  'Emma',
  'Pablo',
  'Olivia',
  'James',
  'Ava',
  'Noah',
  'Mía',
  'Liam',
  'Chloe',
  'Diego',
  'Camila',
  'Andrés',
];
const LAST_NAMES = [
  'García',
  'Martínez',
  'López',
  'Gómez',
  'Ruiz',
  'Torres',
  'Navarro',
  'Romero',
  'Smith',
  'Jones',
  'Brown',
  'Silva',
  'Castro',
  'Ortiz',
  'Vega',
  'Moreno',
  'Díaz',
  'Reyes',
  'Walker',
  'Flores',
];

const TEMPLATES: Record<'es' | 'en', Record<'reply' | 'answer' | 'mention', Record<Sentiment, string[]>>> = {
  es: {
    reply: {
      positive: [
        '¡Me encanta! {tag}',
        'Qué buena idea, gracias por compartir',
        'Totalmente de acuerdo 👏',
        'Esto es justo lo que necesitaba',
      ],
      neutral: [
        '¿Dónde puedo ver más información?',
        'Interesante, lo miro con calma',
        'Guardado para luego {tag}',
        '¿Esto vale también para pymes?',
      ],
      negative: [
        'No me convence, la verdad',
        'Otra vez lo mismo... decepcionante',
        'Pues a mí no me funcionó',
        'Demasiado caro para lo que ofrece',
      ],
    },
    answer: {
      positive: ['¡Sí, sin duda! Lo uso cada día', 'Yo diría que sí, y además funciona genial', 'Claro que sí 🙌'],
      neutral: ['Depende del caso, diría yo', 'Ni idea, ¿alguien lo ha probado?', 'Yo creo que a medias'],
      negative: ['Para nada, fue una pérdida de tiempo', 'No, y el soporte tampoco ayudó', 'Lo dudo mucho'],
    },
    mention: {
      positive: ['Gracias @{handle} por la atención de hoy, un diez', 'Muy recomendable @{handle} {tag}', 'Fan de lo último de @{handle}'],
      neutral: [
        '¿Alguien sabe si @{handle} hace envíos a Canarias?',
        '@{handle} ¿a qué hora abrís mañana?',
        'Comparando @{handle} con otras opciones',
      ],
      negative: [
        '@{handle} llevo tres días esperando respuesta',
        'Muy mala experiencia con @{handle} 😡',
        '@{handle} el pedido llegó roto',
      ],
    },
  },
  en: {
    reply: {
      positive: ['Love this! {tag}', 'Great idea, thanks for sharing', 'Totally agree 👏', 'Exactly what I needed today'],
      neutral: [
        'Where can I read more about it?',
        'Interesting, will look at it later',
        'Saved for later {tag}',
        'Does this work for small teams too?',
      ],
      negative: ['Not convinced, honestly', 'Same old thing... disappointing', "Didn't work for me", 'Too expensive for what it is'],
    },
    answer: {
      positive: ['Yes, definitely! I use it every day', 'I would say yes, and it works great', 'Absolutely 🙌'],
      neutral: ['Depends on the case, I guess', 'No idea, has anyone tried it?', 'Kind of, I think'],
      negative: ['Not at all, waste of time', 'No, and support did not help either', 'I doubt it'],
    },
    mention: {
      positive: [
        'Thanks @{handle} for the great service today',
        'Highly recommend @{handle} {tag}',
        'Big fan of the latest from @{handle}',
      ],
      neutral: [
        'Does anyone know if @{handle} ships abroad?',
        '@{handle} what time do you open tomorrow?',
        'Comparing @{handle} with other options',
      ],
      negative: [
        '@{handle} three days waiting for an answer',
        'Really bad experience with @{handle} 😡',
        '@{handle} my order arrived broken',
      ],
    },
  },
};

function pick<T>(items: readonly T[], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))];
}

export function simulatedAuthor(seed: number, key: string): { handle: string; name: string } {
  const index = Math.floor(unitHash(seed, 'author', key) * 800);
  const first = FIRST_NAMES[index % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length];
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return { handle: `${ascii(first)}_${ascii(last)}${index}`, name: `${first} ${last}` };
}

function composeMention(
  seed: number,
  key: string,
  kind: 'reply' | 'answer' | 'mention',
  accountHandle: string,
  firstHashtag: string,
): Pick<SimulatedMention, 'text' | 'language' | 'sentiment'> {
  const language = unitHash(seed, 'lang', key) < 0.65 ? 'es' : 'en';
  const u = unitHash(seed, 'sentiment', key);
  const sentiment: Sentiment = u < 0.5 ? 'positive' : u < 0.8 ? 'neutral' : 'negative';
  const template = pick(TEMPLATES[language][kind][sentiment], unitHash(seed, 'template', key));
  const text = template.replace('{handle}', accountHandle).replace('{tag}', firstHashtag).trim();
  return { text, language, sentiment };
}

/**
 * The audience's replies to one post that exist at `untilMs`: exactly as many as
 * `metricsAt(...).replies`, the i-th appearing when the replies count reaches i + 1.
 */
export function repliesToPost(seed: number, post: AudiencePost, untilMs: number): SimulatedMention[] {
  const total = finalTotals(seed, post).replies;
  const count = metricsAt(seed, post, untilMs).replies;
  const firstHashtag = post.text.match(/#[\p{L}\p{N}_]+/u)?.[0] ?? '';
  const replies: SimulatedMention[] = [];
  for (let index = 0; index < count; index++) {
    // Invert the accrual curve: when floor(total * (1 - e^-t/tau)) first reaches index + 1.
    const hours = -ACCRUAL_HOURS.replies * Math.log(1 - (index + 1) / total);
    const key = `${post.id}:${index}`;
    const author = simulatedAuthor(seed, key);
    const kind = post.features.hasQuestion && unitHash(seed, 'answers', key) < 0.7 ? 'answer' : 'reply';
    replies.push({
      id: `m_${post.id}_${index}`,
      authorHandle: author.handle,
      authorName: author.name,
      createdAt: post.createdAt + Math.ceil(hours * HOUR_MS),
      inReplyTo: post.id,
      ...composeMention(seed, key, kind, post.accountHandle, firstHashtag),
    });
  }
  return replies;
}

/** Plain mentions of the account (not replies) on one UTC day, at fixed times within it. */
export function mentionsOnDay(seed: number, account: AudienceAccount, day: number, followers: number): SimulatedMention[] {
  const perDay = Math.min(8, Math.floor(unitHash(seed, 'mentions-per-day', account.handle, day) * (1 + followers / 1500)));
  const mentions: SimulatedMention[] = [];
  for (let index = 0; index < perDay; index++) {
    const key = `${account.handle}:${day}:${index}`;
    const author = simulatedAuthor(seed, key);
    mentions.push({
      id: `m_${account.handle}_${day}_${index}`,
      authorHandle: author.handle,
      authorName: author.name,
      createdAt: day * DAY_MS + Math.floor(unitHash(seed, 'mention-time', key) * DAY_MS),
      ...composeMention(seed, key, 'mention', account.handle, ''),
    });
  }
  return mentions;
}
