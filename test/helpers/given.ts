import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/db/schema.ts';
import { addMember, type Caller, createCaller, type TestApp } from './app.ts';

/**
 * The scenario factory: the set-up most API tests repeat, as one readable chain over the real API.
 *
 *   const s = await given(t).workspace().sandboxChannel().scheduledPost();
 *   await s.owner.request('GET', `/api/v1/workspaces/${s.workspaceId}/posts/${s.postId}`);
 *
 * Each step calls the API the way a person would (sign-up, create a workspace, connect a channel…)
 * and fails with the answer's body when the API refuses. Steps run in order when the chain is awaited.
 * Reading a part that was not arranged (`s.channelId` without `.sandboxChannel()`) throws.
 */
export function given(t: TestApp): Given {
  return new Given(t);
}

/** What a `given(t)…` chain arranged. */
export interface Scenario {
  readonly t: TestApp;
  /** The signed-in owner of the workspace (created by `.owner()` or by the first `.workspace()`). */
  readonly owner: Caller;
  readonly workspaceId: string;
  /** The workspace as the API answered when it was created. */
  readonly workspace: Record<string, unknown>;
  /** The last channel connected; `channelIds` has all of them, in order. */
  readonly channelId: string;
  readonly channelIds: readonly string[];
  /** The last post created; `postIds` has all of them, in order. */
  readonly postId: string;
  readonly postIds: readonly string[];
  /** The post as the API answered when it was created. */
  readonly post: Record<string, unknown>;
  /** A signed-in user with a workspace of their own: another workspace's objects do not exist for them. */
  readonly stranger: Caller;
  /** Members added with `.member(role)`, by role (the last one added for each role). */
  member(role: Role): Caller;
  /** `owner.request` on a path under the workspace: `s.api('GET', '/posts')`. */
  api(method: string, path: string, body?: unknown): Promise<LightMyRequestResponse>;
}

type State = {
  owner?: Caller;
  workspaceId?: string;
  workspace?: Record<string, unknown>;
  channelIds: string[];
  postIds: string[];
  post?: Record<string, unknown>;
  stranger?: Caller;
  members: Map<Role, Caller>;
};

let people = 0;
/** An address no other step of this test process has used. */
function uniqueEmail(prefix: string): string {
  people += 1;
  return `${prefix}-${process.pid}-${people}@example.com`;
}

/** Throws with the API's answer unless it has the expected status. */
function expectStatus(what: string, res: LightMyRequestResponse, status: number): Record<string, unknown> {
  if (res.statusCode !== status)
    throw new Error(`given: ${what} answered ${res.statusCode} (expected ${status}): ${res.body.slice(0, 500)}`);
  return res.json() as Record<string, unknown>;
}

/** A scheduled time far enough ahead that no engine publishes it during a test. */
export const FAR_FUTURE = '2030-01-01T10:00:00+01:00';

/** The chain of set-up steps; awaiting it runs them and gives the {@link Scenario}. */
export class Given implements PromiseLike<Scenario> {
  private readonly steps: Array<(state: State) => Promise<void>> = [];

  constructor(private readonly t: TestApp) {}

  /** The workspace owner: a signed-up user with an API token. */
  owner(email = uniqueEmail('owner'), name = 'Olga Owner'): this {
    return this.step(async (state) => {
      state.owner = await createCaller(this.t, email, name);
    });
  }

  /** A workspace owned by the owner (created first when there is none yet). Defaults: Madrid time, Spanish. */
  workspace(input: { name?: string; timeZone?: string; language?: string } = {}): this {
    return this.step(async (state) => {
      state.owner ??= await createCaller(this.t, uniqueEmail('owner'), 'Olga Owner');
      const body = { name: input.name ?? 'Café Plaza', timeZone: input.timeZone ?? 'Europe/Madrid', language: input.language ?? 'es' };
      state.workspace = expectStatus('creating the workspace', await state.owner.request('POST', '/api/v1/workspaces', body), 201);
      state.workspaceId = state.workspace.id as string;
    });
  }

  /** A member of the workspace with `role`, invited by the owner and accepted (see `addMember`). */
  member(role: Role, email = uniqueEmail(role), name = `${role} member`): this {
    return this.step(async (state) => {
      const { owner, workspaceId } = needWorkspace(state, `.member('${role}')`);
      const caller = await createCaller(this.t, email, name);
      const status = await addMember(this.t, owner, workspaceId, { email, role });
      if (status !== 201) throw new Error(`given: inviting ${email} as ${role} answered ${status}`);
      state.members.set(role, caller);
    });
  }

  /** A signed-in user with a workspace of their own, not a member of this one. */
  stranger(email = uniqueEmail('stranger')): this {
    return this.step(async (state) => {
      state.stranger = await createCaller(this.t, email);
      const own = { name: 'Otra marca', timeZone: 'Europe/Madrid', language: 'es' };
      expectStatus("creating the stranger's workspace", await state.stranger.request('POST', '/api/v1/workspaces', own), 201);
    });
  }

  /** A sandbox channel connected to the workspace (the in-process simulated network). */
  sandboxChannel(input: { name?: string; handle?: string; token?: string } = {}): this {
    return this.step(async (state) => {
      const { owner, workspaceId } = needWorkspace(state, '.sandboxChannel()');
      const n = state.channelIds.length + 1;
      const fields = { handle: input.handle ?? `sandbox${n}`, token: input.token ?? `sandbox-token-${n}` };
      const body = { network: 'sandbox', name: input.name ?? 'Sandbox', fields };
      const res = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, body);
      state.channelIds.push(expectStatus('connecting the sandbox channel', res, 201).id as string);
    });
  }

  /** A draft post on every channel connected so far. */
  draftPost(input: { content?: string } = {}): this {
    return this.post('creating the draft post', (state) => ({ content: input.content ?? 'Borrador', channels: channelsOf(state) }));
  }

  /** A post scheduled on every channel connected so far (default: far in the future, so nothing publishes it). */
  scheduledPost(input: { content?: string; at?: string } = {}): this {
    return this.post('scheduling the post', (state) => ({
      content: input.content ?? 'Pan recién hecho 🥖',
      channels: channelsOf(state),
      scheduledAt: input.at ?? FAR_FUTURE,
      action: 'schedule',
    }));
  }

  // biome-ignore lint/suspicious/noThenProperty: the chain is awaited on purpose (`await given(t).workspace()`).
  then<R1 = Scenario, R2 = never>(
    onFulfilled?: ((scenario: Scenario) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return this.run().then(onFulfilled, onRejected);
  }

  private post(what: string, body: (state: State) => Record<string, unknown>): this {
    return this.step(async (state) => {
      const { owner, workspaceId } = needWorkspace(state, what);
      state.post = expectStatus(what, await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, body(state)), 201);
      state.postIds.push(state.post.id as string);
    });
  }

  private step(run: (state: State) => Promise<void>): this {
    this.steps.push(run);
    return this;
  }

  private async run(): Promise<Scenario> {
    const state: State = { channelIds: [], postIds: [], members: new Map() };
    for (const run of this.steps) await run(state);
    return scenario(this.t, state);
  }
}

function needWorkspace(state: State, step: string): { owner: Caller; workspaceId: string } {
  if (!state.owner || !state.workspaceId) throw new Error(`given: ${step} needs a workspace: call .workspace() first`);
  return { owner: state.owner, workspaceId: state.workspaceId };
}

function channelsOf(state: State): Array<{ channelId: string }> {
  if (state.channelIds.length === 0) throw new Error('given: a post needs a channel: call .sandboxChannel() first');
  return state.channelIds.map((channelId) => ({ channelId }));
}

/** The scenario, with getters that say which step is missing instead of handing out `undefined`. */
function scenario(t: TestApp, state: State): Scenario {
  const need = <T>(value: T | undefined, what: string, step: string): T => {
    if (value === undefined) throw new Error(`given: no ${what} was arranged: add ${step} to the chain`);
    return value;
  };
  return {
    t,
    get owner() {
      return need(state.owner, 'owner', '.owner() or .workspace()');
    },
    get workspaceId() {
      return need(state.workspaceId, 'workspace', '.workspace()');
    },
    get workspace() {
      return need(state.workspace, 'workspace', '.workspace()');
    },
    get channelId() {
      return need(state.channelIds.at(-1), 'channel', '.sandboxChannel()');
    },
    channelIds: state.channelIds,
    get postId() {
      return need(state.postIds.at(-1), 'post', '.draftPost() or .scheduledPost()');
    },
    postIds: state.postIds,
    get post() {
      return need(state.post, 'post', '.draftPost() or .scheduledPost()');
    },
    get stranger() {
      return need(state.stranger, 'stranger', '.stranger()');
    },
    member: (role) => need(state.members.get(role), `${role} member`, `.member('${role}')`),
    api: (method, path, body) =>
      need(state.owner, 'owner', '.workspace()').request(method, `/api/v1/workspaces/${state.workspaceId}${path}`, body),
  };
}
