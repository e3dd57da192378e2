import { beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type PostType, type PublishInput } from '../types.ts';
import { sandboxAdapter, setInProcessSandbox } from './index.ts';
import { SandboxNetwork } from './simulator.ts';

let network: SandboxNetwork;
beforeEach(() => {
  network = new SandboxNetwork({ seed: 7 });
  setInProcessSandbox(network);
});

const channel: ChannelContext = { channelId: 'c', settings: { handle: 'caps' }, credentials: { token: 't' } };
const image = (i: number): MediaInput => ({
  mediaId: `i${i}`,
  mimeType: 'image/png',
  size: 100,
  bytes: new Uint8Array(),
  alt: `foto ${i}`,
});
const video: MediaInput = {
  mediaId: 'v',
  mimeType: 'video/mp4',
  size: 5_000_000,
  bytes: new Uint8Array(),
  kind: 'video',
  width: 1080,
  height: 1920,
  durationSeconds: 30,
  codec: 'avc1',
};

describe('the sandbox publishes every post type it declares, and a first comment', () => {
  const inputs: Record<string, PublishInput> = {
    text: { publicationId: 'p-text', text: 'Hola', media: [], postType: 'text' },
    image: { publicationId: 'p-image', text: 'Foto', media: [image(1)], postType: 'image' },
    carousel: { publicationId: 'p-carousel', text: 'Carrusel', media: Array.from({ length: 8 }, (_, i) => image(i)), postType: 'carousel' },
    video: { publicationId: 'p-video', text: 'Vídeo', media: [video], postType: 'video' },
    thread: { publicationId: 'p-thread', text: 'Uno', media: [], postType: 'thread', thread: [{ text: 'Dos', media: [] }] },
  };

  it('declares exactly the types it is tested with', () => {
    expect([...(sandboxAdapter.capabilities?.postTypes ?? [])].sort()).toEqual(Object.keys(inputs).sort());
  });

  for (const type of sandboxAdapter.capabilities?.postTypes ?? ([] as PostType[])) {
    it(`publishes a ${type} post as the network receives it`, async () => {
      const input = inputs[type];
      expect(sandboxAdapter.validate(input)).toEqual([]);
      const result = await sandboxAdapter.publish(channel, input);
      const stored = network.getPost(result.remoteId);
      expect(stored?.media).toHaveLength(input.media.length);
      if (type !== 'text') expect(stored?.postType).toBe(type);
    });
  }

  it('refuses a video outside a video or carousel post, and more images than a plain post takes, at the network too', async () => {
    const error = await sandboxAdapter.publish(channel, { publicationId: 'p-bad', text: 'x', media: [video] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('permanent');
    expect(sandboxAdapter.validate({ publicationId: 'x', text: 'x', media: Array.from({ length: 5 }, (_, i) => image(i)) })).not.toEqual(
      [],
    );
  });

  it('publishes the first comment as the account’s reply, and completes it after a lost answer without duplicating', async () => {
    const input: PublishInput = { publicationId: 'p-comment', text: 'Nueva carta', media: [], firstComment: 'Reserva: cafe.example' };
    const result = await sandboxAdapter.publish(channel, input);
    const comment = network.lookupByMarker('caps', 'p-comment#comment');
    expect(result.firstCommentRemoteId).toBe(comment?.id);
    expect(comment).toMatchObject({ text: 'Reserva: cafe.example', replyTo: result.remoteId });
    // A reconcile finds both and sends nothing more.
    expect(await sandboxAdapter.findPublished(channel, input)).toEqual(result);
    // A post whose comment never went out (the answer was lost before it): the reconcile sends it once.
    const cut: PublishInput = { publicationId: 'p-cut', text: 'Sin comentario aún', media: [] };
    const root = await sandboxAdapter.publish(channel, cut);
    const completed = await sandboxAdapter.findPublished(channel, { ...cut, firstComment: 'Ahora sí' });
    expect(completed?.remoteId).toBe(root.remoteId);
    expect(network.lookupByMarker('caps', 'p-cut#comment')?.text).toBe('Ahora sí');
    expect(network.duplicates()).toEqual([]);
  });
});
