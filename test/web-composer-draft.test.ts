import { describe, expect, it } from 'vitest';
import { draftBody, draftReducer, emptyDraft, textFor } from '../web/src/features/posts/composer/draft.ts';

describe('composer draft (web)', () => {
  it('starts empty, or at 09:00 on the day the calendar opened it with', () => {
    expect(emptyDraft(null).when).toBe('');
    expect(emptyDraft('2026-03-05').when).toBe('2026-03-05T09:00');
    expect(emptyDraft('not a day').when).toBe('');
  });

  it('a channel variant starts from the common text and goes away when turned off', () => {
    let draft = draftReducer(emptyDraft(null), { type: 'set', patch: { content: 'Hola', selected: ['a', 'b'] } });
    draft = draftReducer(draft, { type: 'customize', channelId: 'a', on: true });
    draft = draftReducer(draft, { type: 'variant', channelId: 'a', text: 'Hola A' });
    expect(textFor(draft, 'a')).toBe('Hola A');
    expect(textFor(draft, 'b')).toBe('Hola');
    expect(draftBody(draft).channels).toEqual([
      { channelId: 'a', text: 'Hola A', options: {} },
      { channelId: 'b', options: {} },
    ]);
    draft = draftReducer(draft, { type: 'customize', channelId: 'a', on: false });
    expect(textFor(draft, 'a')).toBe('Hola');
  });

  it('thread parts and images: only non-empty parts in thread mode; alt text only when given', () => {
    let draft = draftReducer(emptyDraft(null), { type: 'set', patch: { content: 'x' } });
    draft = draftReducer(draft, { type: 'threadPart', index: 0, text: 'two' });
    draft = draftReducer(draft, { type: 'addThreadPart' });
    expect(draftBody(draft).thread).toEqual([]);
    draft = draftReducer(draft, { type: 'set', patch: { threadMode: true } });
    expect(draftBody(draft).thread).toEqual([{ text: 'two', media: [] }]);
    draft = draftReducer(draft, { type: 'removeThreadPart', index: 0 });
    expect(draft.thread).toEqual(['']);
    draft = draftReducer(draft, { type: 'addImage', image: { mediaId: 'm1', url: '/u/m1', alt: '' } });
    draft = draftReducer(draft, { type: 'addImage', image: { mediaId: 'm2', url: '/u/m2', alt: '' } });
    draft = draftReducer(draft, { type: 'imageAlt', index: 1, alt: 'a cat' });
    expect(draftBody(draft).media).toEqual([{ mediaId: 'm1' }, { mediaId: 'm2', alt: 'a cat' }]);
    draft = draftReducer(draft, { type: 'removeImage', index: 0 });
    expect(draft.images.map((image) => image.mediaId)).toEqual(['m2']);
  });
  it('carousel order, post type, first comment and network options per channel reach the body', () => {
    let draft = draftReducer(emptyDraft(null), { type: 'set', patch: { content: 'Otoño', selected: ['a', 'b'] } });
    for (const id of ['m1', 'm2', 'm3'])
      draft = draftReducer(draft, { type: 'addImage', image: { mediaId: id, url: `/u/${id}`, alt: id } });
    draft = draftReducer(draft, { type: 'moveImage', index: 2, by: -1 });
    draft = draftReducer(draft, { type: 'moveImage', index: 0, by: -1 });
    expect(draftBody(draft).media.map((m) => m.mediaId)).toEqual(['m1', 'm3', 'm2']);
    draft = draftReducer(draft, { type: 'postType', channelId: 'a', postType: 'carousel' });
    draft = draftReducer(draft, { type: 'firstComment', channelId: 'a', text: 'Reserva ya' });
    draft = draftReducer(draft, { type: 'firstComment', channelId: 'b', text: '   ' });
    draft = draftReducer(draft, { type: 'options', channelId: 'a', options: { network: { replies: 'followers', pin: true } } });
    expect(draftBody(draft).channels).toEqual([
      { channelId: 'a', options: { network: { replies: 'followers', pin: true } }, postType: 'carousel', firstComment: 'Reserva ya' },
      { channelId: 'b', options: {} },
    ]);
    draft = draftReducer(draft, { type: 'postType', channelId: 'a', postType: null });
    expect(draftBody(draft).channels[0]).not.toHaveProperty('postType');
  });
});
