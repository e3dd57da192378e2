/**
 * Sentiment and language of inbound items, with the listening module's classifier (the same
 * labels the mentions get). The language model loads on first need (about 1.5 s, once).
 */
import { createDefaultSentiment, detectLanguage, loadLanguageModel, type SentimentProvider } from '../listening/core/index.ts';
import type { InboundItem } from '../../networks/inbox.ts';

let provider: SentimentProvider | null = null;

export interface InboundSentiment {
  label: 'positive' | 'neutral' | 'negative';
  score: number;
  /** The network's language, else the detected one (es, en, other, und). */
  language: string;
}

/** One result per item (null for our own messages); a text repeated in the items (same language) is classified once. */
export async function classifyInbound(items: readonly InboundItem[]): Promise<Array<InboundSentiment | null>> {
  if (items.every((item) => item.fromUs)) return items.map(() => null);
  provider ??= createDefaultSentiment();
  const needsDetection = items.some((item) => !item.fromUs && !item.language);
  if (needsDetection) await loadLanguageModel();
  const known = new Map<string, InboundSentiment>();
  return items.map((item) => {
    if (item.fromUs) return null;
    const given = item.language?.slice(0, 2).toLowerCase() ?? '';
    const key = `${given}\u0000${item.text}`;
    let sentiment = known.get(key);
    if (!sentiment) {
      const language = given || detectLanguage(item.text);
      const result = (provider as SentimentProvider).analyze(item.text, language);
      sentiment = { label: result.label, score: result.score, language };
      known.set(key, sentiment);
    }
    return { ...sentiment };
  });
}
