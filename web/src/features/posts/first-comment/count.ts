/** Characters of a first comment counted the way its network counts them (capabilities.charCounting). */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}/u;

export function countLikeNetwork(text: string, counting: string | undefined): number {
  switch (counting) {
    case 'utf16':
      return text.length;
    case 'graphemes':
      return Array.from(segmenter.segment(text)).length;
    case 'utf8-emoji': {
      // Threads: one per character, an emoji its UTF-8 bytes.
      let count = 0;
      for (const { segment } of segmenter.segment(text))
        count += EMOJI.test(segment) ? new TextEncoder().encode(segment).byteLength : Array.from(segment).length;
      return count;
    }
    case 'x-weighted': {
      // X: links count 23, wide characters (CJK, emoji) count two.
      let count = 0;
      const withoutLinks = text.replace(/https?:\/\/\S+/g, () => {
        count += 23;
        return '';
      });
      for (const char of withoutLinks) count += (char.codePointAt(0) ?? 0) > 0x10ff ? 2 : 1;
      return count;
    }
    default:
      return Array.from(text).length;
  }
}
