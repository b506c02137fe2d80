import { spatialLayerForHeight, type MediaKind, type MediaSource } from '@padmeet/contract';

/** What the SFU knows about one consumer of one peer, as far as pausing and layers go. */
export interface ConsumerViewState {
  kind: MediaKind;
  source: MediaSource;
  /** Spatial layers the producer sends (simulcast encodings or SVC spatial layers); 1 for a plain stream. */
  spatialLayers: number;
  /** Temporal layers in each of them (3 for the room page's L1T3 camera); 1 without. */
  temporalLayers: number;
  /** The client sent resumeConsumer: its side of the consumer exists and can take media. */
  clientReady: boolean;
  /** From setConsumerViews; a consumer nobody described yet is visible. */
  visible: boolean;
  /** Tile height in device pixels from setConsumerViews; undefined until described. */
  height: number | undefined;
}

export interface ConsumerPlan {
  paused: boolean;
  /** Preferred spatial layer for a layered video stream; undefined for audio or a single layer. */
  spatialLayer: number | undefined;
  /** Preferred temporal layer with `spatialLayer` (the highest is every frame); undefined with it. */
  temporalLayer: number | undefined;
}

/**
 * Whether a consumer should run and which layer it should forward:
 * - audio runs as soon as the client is ready; views never pause it;
 * - video runs when the client is ready and its tile is visible;
 * - a camera forwards the lowest layer at least as tall as its tile (the lowest until the client
 *   describes the tile, so first frames are cheap); a screen share always its highest layer;
 * - a thumbnail (a camera tile small enough for the lowest layer) gets half the frame rate: one
 *   temporal layer below the top, which in the room page's L1T3 camera carries every other frame
 *   (15 of 30 frames/s). In a large room most tiles are thumbnails, so this halves most of what the
 *   SFU forwards; larger tiles and the speaker get every frame.
 */
export function planConsumer(state: ConsumerViewState): ConsumerPlan {
  if (state.kind === 'audio') return { paused: !state.clientReady, spatialLayer: undefined, temporalLayer: undefined };
  const paused = !state.clientReady || !state.visible;
  if (state.spatialLayers <= 1) return { paused, spatialLayer: undefined, temporalLayer: undefined };
  const top = state.spatialLayers - 1;
  const everyFrame = Math.max(0, state.temporalLayers - 1);
  if (state.source === 'screen') return { paused, spatialLayer: top, temporalLayer: everyFrame };
  const spatialLayer = Math.min(state.height === undefined ? 0 : spatialLayerForHeight(state.height), top);
  return { paused, spatialLayer, temporalLayer: spatialLayer === 0 ? Math.max(0, everyFrame - 1) : everyFrame };
}
