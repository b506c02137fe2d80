import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { SessionEndReason, SignalingServerMessage } from '@padmeet/contract';
import type { MediaWorker } from '../worker-pool';
import type { PeerLink } from '../peer';
import type { RoomMedia } from '../room';

/** Hand-written stand-ins for the few mediasoup objects the pure logic touches. */
export class FakeSpeakerObserver extends EventEmitter {
  closed = false;
  readonly producerIds: string[] = [];
  async addProducer({ producerId }: { producerId: string }): Promise<void> {
    this.producerIds.push(producerId);
  }
  async removeProducer({ producerId }: { producerId: string }): Promise<void> {
    this.producerIds.splice(this.producerIds.indexOf(producerId), 1);
  }
}

export class FakeRouter {
  readonly observer = new EventEmitter();
  closed = false;
  rtpCapabilities = { codecs: [] };
  readonly speakerObservers: FakeSpeakerObserver[] = [];
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.emit('close');
  }
  async createActiveSpeakerObserver(): Promise<FakeSpeakerObserver> {
    const observer = new FakeSpeakerObserver();
    this.speakerObservers.push(observer);
    return observer;
  }
}

/** A microphone/camera producer: id, kind, appData and a close that fires the observer. */
export class FakeProducer {
  readonly observer = new EventEmitter();
  closed = false;
  paused = false;
  constructor(
    readonly id: string,
    readonly appData: { peerId: string; source: 'mic' | 'camera' | 'screen' | 'screen-audio' },
    readonly kind: 'audio' | 'video' = 'audio',
  ) {}
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.emit('close');
  }
}

export class FakeWebRtcServer {
  closed = false;
}

export class FakeWorker extends EventEmitter {
  static nextPid = 1000;
  readonly pid = FakeWorker.nextPid++;
  died = false;
  closed = false;
  readonly routers: FakeRouter[] = [];
  readonly webRtcServerPorts: number[] = [];
  routerDelayMs = 0;
  /** Makes createWebRtcServer fail (port in use). */
  failWebRtcServer = false;
  async createRouter(): Promise<FakeRouter> {
    if (this.routerDelayMs) await new Promise((resolve) => setTimeout(resolve, this.routerDelayMs));
    const router = new FakeRouter();
    this.routers.push(router);
    return router;
  }
  async createWebRtcServer(options: types.WebRtcServerOptions): Promise<FakeWebRtcServer> {
    if (this.failWebRtcServer) throw new Error('bind() failed: address already in use');
    this.webRtcServerPorts.push(options.listenInfos[0]?.port ?? -1);
    return new FakeWebRtcServer();
  }
  die(): void {
    this.died = true;
    for (const router of this.routers) router.close();
    this.emit('died', new Error('killed'));
  }
  close(): void {
    this.closed = true;
  }
  asWorker(): types.Worker {
    return this as unknown as types.Worker;
  }
  asMediaWorker(index = 0): MediaWorker {
    return { index, worker: this.asWorker(), webRtcServer: new FakeWebRtcServer() as unknown as types.WebRtcServer };
  }
}

export function fakeRoomMedia(router = new FakeRouter()): RoomMedia & { fakeSpeakerObserver: FakeSpeakerObserver } {
  const speakerObserver = new FakeSpeakerObserver();
  return {
    router: router as unknown as types.Router,
    webRtcServer: new FakeWebRtcServer() as unknown as types.WebRtcServer,
    speakerObserver: speakerObserver as unknown as types.ActiveSpeakerObserver,
    fakeSpeakerObserver: speakerObserver,
  };
}

/** A link that records what the peer was sent and how its connection ended. */
export function recordingLink(): PeerLink & { inbox: SignalingServerMessage[]; ended: Array<{ reason: SessionEndReason; code: number }> } {
  const inbox: SignalingServerMessage[] = [];
  const ended: Array<{ reason: SessionEndReason; code: number }> = [];
  return {
    inbox,
    ended,
    send: (message) => inbox.push(message),
    end: (reason, message, code) => {
      inbox.push({ type: 'sessionEnded', reason, message });
      ended.push({ reason, code });
    },
  };
}
