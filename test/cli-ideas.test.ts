/** `plaza idea …`, `plaza snippet …` and `plaza hashtag suggest` against a running Plaza. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

describe('plaza idea, snippet and hashtag', () => {
  let cli: CliWorkspace;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;
  const json = (...args: string[]) => cli.json(...args);

  beforeAll(async () => {
    cli = await cliWorkspace('cli-ideas');
    ({ env, workspaceId, channelId } = cli);
  }, 120_000);
  afterAll(() => cli?.close());

  it('creates an idea, comments on it, moves it to draft (its post) and lists the board by column', async () => {
    const card = await json('idea', 'create', '-w', workspaceId, '--title', 'Cata de café', '--notes', 'Sábado', '-c', channelId);
    expect(card).toMatchObject({ column: 'idea', channelIds: [channelId] });
    expect((await plaza(env, 'idea', 'comment', '-w', workspaceId, card.id, '¿Con invitados?')).code).toBe(0);
    const moved = await json('idea', 'move', '-w', workspaceId, card.id, 'draft');
    expect(moved).toMatchObject({ from: 'idea', to: 'draft' });
    const again = await plaza(env, 'idea', 'to-post', '-w', workspaceId, card.id);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('(idea_already_posted)');
    const board = await plaza(env, 'idea', 'list', '-w', workspaceId);
    expect(board.stdout).toContain('== draft (1)');
    expect(board.stdout).toContain(`→ post ${moved.postId} (draft)`);
    expect((await json('idea', 'show', '-w', workspaceId, card.id)).commentList[0].body).toBe('¿Con invitados?');
  });

  it('saves snippets and hashtag sets and prints suggestions with their evidence', async () => {
    const set = await json('snippet', 'create', '-w', workspaceId, '--name', 'Café', '--hashtags', 'cafe #CaféDeEspecialidad');
    expect(set.body).toBe('#cafe #CaféDeEspecialidad');
    expect((await plaza(env, 'snippet', 'create', '-w', workspaceId, '--name', 'Firma', '--text', '— Café Plaza')).code).toBe(0);
    const list = await plaza(env, 'snippet', 'list', '-w', workspaceId);
    expect(list.stdout).toMatch(/\[hashtags\] {2}Café: #cafe #CaféDeEspecialidad/);
    expect(list.stdout).toMatch(/\[text\] {2}Firma: — Café Plaza/);
    const suggest = await plaza(env, 'hashtag', 'suggest', '-w', workspaceId);
    expect(suggest.code, suggest.stderr).toBe(0);
    expect(suggest.stdout).toContain('From your own posts (0 measured');
    expect(suggest.stdout).toContain('none growing now');
  });
});
