/**
 * Facets (links, mentions, hashtags) for a post's text, with UTF-8 byte offsets
 * computed by @atproto/api's RichText.
 */
import type { AppBskyRichtextFacet, AtpAgent } from '@atproto/api';
import { atproto, isXrpcError } from './atproto.ts';

export interface FacetedText {
  text: string;
  facets: AppBskyRichtextFacet.Main[];
}

/**
 * Detects facets and resolves each @mention to a DID through
 * com.atproto.identity.resolveHandle. A handle the network cannot resolve stays
 * plain text; any other failure (network down, auth) is thrown to the caller.
 */
export async function buildFacets(agent: AtpAgent, text: string, signal?: AbortSignal): Promise<FacetedText> {
  const { RichText, AppBskyRichtextFacet: Facet } = await atproto();
  const richText = new RichText({ text });
  richText.detectFacetsWithoutResolution();
  const detected = richText.facets ?? [];

  const handles = new Set<string>();
  for (const facet of detected) {
    for (const feature of facet.features) {
      if (Facet.isMention(feature)) handles.add(feature.did);
    }
  }
  const didByHandle = new Map<string, string | null>();
  await Promise.all(
    [...handles].map(async (handle) => {
      try {
        const { data } = await agent.com.atproto.identity.resolveHandle({ handle }, { signal });
        didByHandle.set(handle, data.did);
      } catch (error) {
        // 400 "Unable to resolve handle": not a Bluesky account, keep it as text.
        if (isXrpcError(error) && error.status === 400 && error.error !== 'ExpiredToken' && error.error !== 'InvalidToken') {
          didByHandle.set(handle, null);
          return;
        }
        throw error;
      }
    }),
  );

  const facets: AppBskyRichtextFacet.Main[] = [];
  for (const facet of detected) {
    const features = facet.features.flatMap((feature) => {
      if (!Facet.isMention(feature)) return [feature];
      const did = didByHandle.get(feature.did);
      return did ? [{ ...feature, did }] : [];
    });
    if (features.length > 0) facets.push({ ...facet, features });
  }
  return { text: richText.text, facets };
}
