/**
 * A small Bluesky chat service (chat.bsky.convo.*) for tests. Bluesky's real one
 * (did:web:api.bsky.chat) is not open source and does not run offline, so this one is built
 * from the lexicons shipped in @atproto/api: @atproto/xrpc-server validates every request's
 * parameters and input AND every answer against them, so a request or answer the lexicons do
 * not allow fails the test.
 *
 * It is reached the way the real one is: the client calls its PDS with
 * `atproto-proxy: <chat did>#bsky_chat`; the PDS resolves that DID (here a did:plc in the
 * test PLC whose document names this server as its `#bsky_chat` service), checks the app
 * password may use DMs, and forwards the call with a service JWT this server verifies
 * (issuer's signing key from the PLC, audience = our DID, lxm = the method).
 */
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { schemas } from '@atproto/api';
import { Secp256k1Keypair } from '@atproto/crypto';
import { IdResolver } from '@atproto/identity';
import type { LexiconDoc } from '@atproto/lexicon';
import { AuthRequiredError, createServer, InvalidRequestError, verifyJwt } from '@atproto/xrpc-server';
import { Client as PlcClient } from '@did-plc/lib';
import { findFreePort } from './pds.ts';

export interface ChatMessage {
  $type: 'chat.bsky.convo.defs#messageView';
  id: string;
  rev: string;
  text: string;
  sender: { did: string };
  sentAt: string;
}

interface Convo {
  id: string;
  rev: string;
  members: string[];
  /** Oldest first. */
  messages: ChatMessage[];
}

export interface TestChatService {
  url: string;
  did: string;
  /** The `atproto-proxy` header value clients send. */
  proxy: string;
  /** Every call that reached the service, after the PDS proxied it and the JWT was verified. */
  calls: Array<{ nsid: string; iss: string }>;
  /** Messages of a conversation, oldest first. */
  messagesOf(convoId: string): ChatMessage[];
  close(): Promise<void>;
}

let sequence = 0;
const nextId = () => {
  sequence += 1;
  return `${Date.now().toString(36)}${sequence.toString(36).padStart(6, '0')}`;
};

/** Starts the service on 127.0.0.1 and registers its DID in the PLC at `plcUrl`. */
export async function startTestChatService(options: { plcUrl: string }): Promise<TestChatService> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const key = await Secp256k1Keypair.create();
  const plc = new PlcClient(options.plcUrl);
  const did = await plc.createDid({ signingKey: key.did(), rotationKeys: [key.did()], handle: 'chat.test', pds: url, signer: key });
  await plc.updateData(did, key, (doc) => {
    doc.services.bsky_chat = { type: 'BskyChatService', endpoint: url };
    return doc;
  });
  const idResolver = new IdResolver({ plcUrl: options.plcUrl });
  const convos = new Map<string, Convo>();
  const calls: TestChatService['calls'] = [];
  const server = createServer(schemas as unknown as LexiconDoc[], { validateResponse: true });

  const authFor =
    (nsid: string) =>
    async ({ req }: { req: { headers: Record<string, string | string[] | undefined> } }) => {
      const header = req.headers.authorization;
      if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw new AuthRequiredError('Missing service token');
      const payload = await verifyJwt(header.slice(7), did, nsid, (iss, forceRefresh) =>
        idResolver.did.resolveAtprotoKey(iss, forceRefresh),
      );
      calls.push({ nsid, iss: payload.iss });
      return { credentials: { did: payload.iss } };
    };

  async function profileOf(memberDid: string) {
    const doc = await idResolver.did.resolve(memberDid);
    const aka = doc?.alsoKnownAs?.find((entry) => entry.startsWith('at://'));
    return { did: memberDid, handle: aka ? aka.slice(5) : 'handle.invalid' };
  }

  async function convoView(convo: Convo, viewer: string) {
    const last = convo.messages.at(-1);
    return {
      id: convo.id,
      rev: convo.rev,
      members: await Promise.all(convo.members.map(profileOf)),
      ...(last ? { lastMessage: last } : {}),
      muted: false,
      unreadCount: convo.messages.filter((message) => message.sender.did !== viewer).length,
    };
  }

  function convoOf(convoId: string, viewer: string): Convo {
    const convo = convos.get(convoId);
    if (!convo?.members.includes(viewer)) throw new InvalidRequestError('Convo not found', 'InvalidConvo');
    return convo;
  }

  function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; cursor?: string } {
    const start = cursor ? Number(cursor) : 0;
    if (!Number.isInteger(start) || start < 0) throw new InvalidRequestError('Invalid cursor');
    const slice = items.slice(start, start + limit);
    return start + limit < items.length ? { items: slice, cursor: String(start + limit) } : { items: slice };
  }

  type Ctx = { auth: { credentials: { did: string } }; params: Record<string, unknown>; input?: { body: unknown } };
  const method = (nsid: string, handler: (ctx: Ctx) => Promise<unknown>) =>
    server.method(nsid, {
      auth: authFor(nsid) as never,
      handler: (async (ctx: Ctx) => ({ encoding: 'application/json', body: await handler(ctx) })) as never,
    });

  method('chat.bsky.convo.listConvos', async ({ auth, params }) => {
    const viewer = auth.credentials.did;
    const mine = [...convos.values()]
      .filter((convo) => convo.members.includes(viewer))
      .sort((a, b) => (b.messages.at(-1)?.sentAt ?? '').localeCompare(a.messages.at(-1)?.sentAt ?? ''));
    const { items, cursor } = page(mine, params.cursor as string | undefined, (params.limit as number) ?? 50);
    return { convos: await Promise.all(items.map((convo) => convoView(convo, viewer))), ...(cursor ? { cursor } : {}) };
  });

  method('chat.bsky.convo.getConvo', async ({ auth, params }) => ({
    convo: await convoView(convoOf(params.convoId as string, auth.credentials.did), auth.credentials.did),
  }));

  method('chat.bsky.convo.getConvoForMembers', async ({ auth, params }) => {
    const viewer = auth.credentials.did;
    const members = [...new Set([viewer, ...(params.members as string[])])].sort();
    let convo = [...convos.values()].find((item) => item.members.join() === members.join());
    if (!convo) {
      convo = { id: nextId(), rev: nextId(), members, messages: [] };
      convos.set(convo.id, convo);
    }
    return { convo: await convoView(convo, viewer) };
  });

  method('chat.bsky.convo.getMessages', async ({ auth, params }) => {
    const convo = convoOf(params.convoId as string, auth.credentials.did);
    const newestFirst = [...convo.messages].reverse();
    const { items, cursor } = page(newestFirst, params.cursor as string | undefined, (params.limit as number) ?? 50);
    return { messages: items, ...(cursor ? { cursor } : {}) };
  });

  method('chat.bsky.convo.sendMessage', async ({ auth, input }) => {
    const body = input?.body as { convoId: string; message: { text: string } };
    const convo = convoOf(body.convoId, auth.credentials.did);
    const message: ChatMessage = {
      $type: 'chat.bsky.convo.defs#messageView',
      id: nextId(),
      rev: nextId(),
      text: body.message.text,
      sender: { did: auth.credentials.did },
      sentAt: new Date().toISOString(),
    };
    convo.messages.push(message);
    convo.rev = message.rev;
    return message;
  });

  const http: HttpServer = await new Promise((resolve) => {
    const listening = server.router.listen(port, '127.0.0.1', () => resolve(listening));
  });
  if ((http.address() as AddressInfo).port !== port) throw new Error('chat service bound the wrong port');

  return {
    url,
    did,
    proxy: `${did}#bsky_chat`,
    calls,
    messagesOf: (convoId) => [...(convos.get(convoId)?.messages ?? [])],
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
