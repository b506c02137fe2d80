import { spatialLayerForHeight, type MediaKind, type MediaSource } from '@padmeet/contract';

/** What the SFU knows about one consumer of one peer, as far as pausing and layers go. */
export interface ConsumerViewState {
  kind: MediaKind;
  source: MediaSource;
  /** Spatial layers the producer sends (simulcast encodings or SVC spatial layers); 1 for a plain stream. */
  spatialLayers: number;
  /** The client sent resumeConsumer: its side of the consumer exists and can take media. */
  clientReady: boolean;
  /** From setConsumerViews; a consumer nobody described yet is visible. */
  visible: boolean;
  /** Tile height in device pixels from setConsumerViews; undefined until described. */
  height: number | undefined;
}

export interface ConsumerPlan {
  paused: boolean;
  /** Preferred spatial layer for a layered video stream (temporal: the highest); undefined for audio or a single layer. */
  spatialLayer: number | undefined;
}

/**
 * Whether a consumer should run and which layer it should forward:
 * - audio runs as soon as the client is ready; views never pause it;
 * - video runs when the client is ready and its tile is visible;
 * - a camera forwards the lowest layer at least as tall as its tile (the lowest until the client
 *   describes the tile, so first frames are cheap); a screen share always its highest layer.
 */
export function planConsumer(state: ConsumerViewState): ConsumerPlan {
  if (state.kind === 'audio') return { paused: !state.clientReady, spatialLayer: undefined };
  const paused = !state.clientReady || !state.visible;
  if (state.spatialLayers <= 1) return { paused, spatialLayer: undefined };
  const top = state.spatialLayers - 1;
  if (state.source === 'screen') return { paused, spatialLayer: top };
  const wanted = state.height === undefined ? 0 : spatialLayerForHeight(state.height);
  return { paused, spatialLayer: Math.min(wanted, top) };
}
