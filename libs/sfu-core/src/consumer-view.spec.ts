import { describe, expect, it } from 'vitest';
import { planConsumer, type ConsumerViewState } from './consumer-view';

/** The room page's camera: three simulcast layers, each L1T3. */
const camera: ConsumerViewState = { kind: 'video', source: 'camera', spatialLayers: 3, temporalLayers: 3, clientReady: true, visible: true, height: undefined };

describe('planConsumer', () => {
  it('starts a camera nobody described on its lowest layer, running once the client is ready', () => {
    expect(planConsumer({ ...camera, clientReady: false })).toEqual({ paused: true, spatialLayer: 0, temporalLayer: 1 });
    expect(planConsumer(camera)).toEqual({ paused: false, spatialLayer: 0, temporalLayer: 1 });
  });

  it('picks the camera layer from the tile height and pauses hidden tiles', () => {
    const layerFor = (height: number) => planConsumer({ ...camera, height }).spatialLayer;
    expect([0, 90, 162, 180, 200, 324, 360, 400, 720, 1440].map(layerFor)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    expect(planConsumer({ ...camera, height: 720, visible: false })).toEqual({ paused: true, spatialLayer: 2, temporalLayer: 2 });
    expect(planConsumer({ ...camera, height: 720, spatialLayers: 2 }).spatialLayer).toBe(1);
  });

  it('gives thumbnails every other frame and larger tiles every frame', () => {
    const temporalFor = (height: number) => planConsumer({ ...camera, height }).temporalLayer;
    expect([90, 180, 200, 324, 720].map(temporalFor)).toEqual([1, 1, 1, 2, 2]);
    // L1T2: the top temporal layer is every other frame too; without temporal layers there is nothing to drop.
    expect(planConsumer({ ...camera, temporalLayers: 2, height: 180 }).temporalLayer).toBe(0);
    expect(planConsumer({ ...camera, temporalLayers: 1, height: 180 }).temporalLayer).toBe(0);
    expect(planConsumer({ ...camera, temporalLayers: 1, height: 720 }).temporalLayer).toBe(0);
  });

  it('gives a screen share its highest layer and every frame, and plain streams no layer', () => {
    expect(planConsumer({ ...camera, source: 'screen', height: 100 })).toEqual({ paused: false, spatialLayer: 2, temporalLayer: 2 });
    expect(planConsumer({ ...camera, spatialLayers: 1, height: 720 })).toEqual({ paused: false, spatialLayer: undefined, temporalLayer: undefined });
  });

  it('never pauses audio for a view, only until the client is ready', () => {
    const mic: ConsumerViewState = { ...camera, kind: 'audio', source: 'mic', spatialLayers: 1, temporalLayers: 1, visible: false };
    expect(planConsumer(mic)).toEqual({ paused: false, spatialLayer: undefined, temporalLayer: undefined });
    expect(planConsumer({ ...mic, clientReady: false })).toEqual({ paused: true, spatialLayer: undefined, temporalLayer: undefined });
  });
});
